/**
 * Where asynchronous machine translation (eTranslation) answers: it posts the translation, or an
 * error, with the signed reference it was given. No bearer token (eTranslation has none to send):
 * the reference's signature is the authentication, and it names the one activity to complete.
 */
import { Type } from '@sinclair/typebox';
import { recordTranslation } from '../../db/queries.js';
import { verifyReference, type TranslationReference } from '../../lib/callback-reference.js';
import type { App, AppDeps } from '../app.js';
import { forbidden } from '../errors.js';
import { problemResponses } from '../schemas.js';

const Success = Type.Object(
  { 'request-id': Type.Optional(Type.String()), 'target-language': Type.String(), 'translated-text': Type.String(), 'external-reference': Type.String() },
  { additionalProperties: true },
);
const Failure = Type.Object(
  { 'request-id': Type.Optional(Type.String()), 'error-code': Type.Optional(Type.String()), 'error-message': Type.String(), 'external-reference': Type.String() },
  { additionalProperties: true },
);

export async function callbackRoutes(app: App, { deps }: { deps: AppDeps }) {
  const secret = deps.callbackSecret;
  if (!secret) return;
  const { db } = deps;
  const reference = (token: string): TranslationReference => {
    const r = verifyReference(token, secret);
    if (!r) throw forbidden('the external reference is not one Liaison issued');
    return r;
  };
  const record = (r: TranslationReference, row: { status: string; text?: string; note: string }) =>
    recordTranslation(db, r, { engine: 'etranslation', route: [r.from, r.to], ...row });

  app.post(
    '/v1/callbacks/etranslation',
    { schema: { tags: ['callbacks'], security: [], body: Success, response: { 200: Type.String(), ...problemResponses(400, 403) } } },
    async (request) => {
      const r = reference(request.body['external-reference']);
      await record(r, { status: 'done', text: request.body['translated-text'], note: `machine translation ${r.from}→${r.to}` });
      await deps.temporal.activity.complete(Buffer.from(r.taskToken, 'base64'), { status: 'done' });
      return 'ok';
    },
  );

  app.post(
    '/v1/callbacks/etranslation/error',
    { schema: { tags: ['callbacks'], security: [], body: Failure, response: { 200: Type.String(), ...problemResponses(400, 403) } } },
    async (request) => {
      const r = reference(request.body['external-reference']);
      const message = `${request.body['error-code'] ?? ''} ${request.body['error-message']}`.trim();
      await record(r, { status: 'retrying', note: `machine translation unavailable, retrying: eTranslation ${message}` });
      // The activity fails and Temporal submits it again after its back-off.
      await deps.temporal.activity.fail(Buffer.from(r.taskToken, 'base64'), new Error(`eTranslation: ${message}`));
      return 'ok';
    },
  );
}
