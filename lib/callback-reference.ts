/**
 * What an asynchronous translation provider (eTranslation) carries for us and hands back in its
 * callback: the activity's task token and the text's place in the case, signed, so a callback
 * can only complete the activity it was issued for.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TranslationReference {
  taskToken: string;
  caseId: string;
  seq: number;
  field: string;
  from: string;
  to: string;
}

const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signReference(r: TranslationReference, secret: string): string {
  const body = Buffer.from(JSON.stringify(r)).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

export function verifyReference(token: string, secret: string): TranslationReference | null {
  const [body, signature] = token.split('.');
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
}
