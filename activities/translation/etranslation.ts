/**
 * The European Commission's eTranslation service: asynchronous. A request is submitted with
 * callback URLs; eTranslation later posts the translation (or an error) to the API, which
 * completes (or fails) the waiting activity by its task token. HTTP Digest authentication with the
 * application's registered name and password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LANGUAGES } from '../../policy-areas/strings.js';
import type { AsyncTranslationProvider } from './provider.js';

export interface ETranslationConfig {
  url: string;
  application: string;
  password: string;
  /** The API's public address of POST /v1/callbacks/etranslation. */
  callbackUrl: string;
  domain?: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** fetch with RFC 7616 Digest authentication (MD5, qop=auth): the challenge first, then the request. */
async function fetchWithDigest(url: string, init: RequestInit, user: string, password: string): Promise<Response> {
  const first = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const challenge = first.headers.get('www-authenticate');
  if (first.status !== 401 || !challenge?.startsWith('Digest ')) return first;
  const params = Object.fromEntries([...challenge.slice(7).matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]));
  const path = new URL(url).pathname;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = md5(`${user}:${params.realm}:${password}`);
  const ha2 = md5(`${init.method ?? 'GET'}:${path}`);
  const response = md5(`${ha1}:${params.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const authorization = `Digest username="${user}", realm="${params.realm}", nonce="${params.nonce}", uri="${path}", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"${params.opaque ? `, opaque="${params.opaque}"` : ''}`;
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization }, signal: AbortSignal.timeout(30_000) });
}

export function eTranslationProvider(c: ETranslationConfig): AsyncTranslationProvider {
  // It covers the 24 EU languages, Icelandic and Norwegian, every pair directly.
  const pairs = new Set(LANGUAGES.flatMap((a) => LANGUAGES.filter((b) => b !== a).map((b) => `${a}>${b}`)));
  return {
    name: 'etranslation',
    async: true,
    async pairs() {
      return pairs;
    },
    async submit({ text, from, to, reference }) {
      const res = await fetchWithDigest(
        c.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sourceLanguage: from.toUpperCase(),
            targetLanguages: [to.toUpperCase()],
            domain: c.domain ?? 'GEN',
            textToTranslate: text,
            externalReference: reference,
            callerInformation: { application: c.application, username: c.application },
            requesterCallback: c.callbackUrl,
            errorCallback: `${c.callbackUrl}/error`,
          }),
        },
        c.application,
        c.password,
      );
      const body = await res.text();
      // eTranslation answers with a request id, negative on refusal.
      if (!res.ok || Number(body) < 0) throw new Error(`eTranslation refused the request: HTTP ${res.status} ${body}`);
    },
  };
}
