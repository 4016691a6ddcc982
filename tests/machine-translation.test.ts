/**
 * Free text in a case machine-translated into the other side's language by a Temporal activity,
 * with Apertium (Debian's packages, run locally: nothing leaves the machine), beside the original.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eTranslationProvider } from '../activities/translation/etranslation.js';
import { libreTranslateProvider } from '../activities/translation/libretranslate.js';
import { startApertium, type RunningApertium } from '../lib/apertium.js';
import { freePort } from '../lib/ports.js';
import { authorities, officials } from '../db/schema/index.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { createParties, type Parties } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
});
afterAll(async () => h?.close());

interface Timeline {
  timeline: { action: string; payload: { message?: string }; machineTranslation?: { status: string; text: string | null; engine: string | null; route: string[] | null; note: string | null } }[];
}

/** The cast, with the languages their authorities and officials read. */
async function cast(harness: Harness, requester: string, responder: string): Promise<Parties> {
  const p = await createParties(harness.database.db);
  await harness.database.db.update(officials).set({ language: requester }).where(eq(officials.login, p.requester.login));
  await harness.database.db.update(officials).set({ language: responder }).where(inArray(officials.login, [p.responder.login, p.otherResponder.login]));
  await harness.database.db.update(authorities).set({ languages: [requester] }).where(eq(authorities.id, p.requester.authorityId));
  await harness.database.db.update(authorities).set({ languages: [responder] }).where(inArray(authorities.id, [p.responder.authorityId, p.otherResponder.authorityId]));
  return p;
}

async function translationOf(client: ReturnType<typeof apiClient>, login: string, id: string, done: (t: NonNullable<Timeline['timeline'][0]['machineTranslation']>) => boolean) {
  const until = Date.now() + 30_000;
  for (;;) {
    const v = (await client.get(login, `/v1/cases/${id}`)).json() as Timeline;
    const t = v.timeline[0].machineTranslation;
    if (t && done(t)) return { view: v, translation: t };
    if (Date.now() > until) throw new Error(`no translation yet: ${JSON.stringify(v.timeline[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('machine translation of free text', () => {
  it('when a Spanish authority writes to an English one, then the English side reads an Apertium translation beside the original', async () => {
    const p = await cast(h, 'es', 'en');
    const message = 'El diploma es auténtico y no hay sanciones.';

    const c = await api.open(p, { message });
    const { view, translation } = await translationOf(api, p.responder.login, c.id, (t) => t.status === 'done');
    const requesterView = (await api.get(p.requester.login, `/v1/cases/${c.id}`)).json() as Timeline;

    expect(view.timeline[0].payload.message).toBe(message);
    expect(translation).toMatchObject({ status: 'done', engine: 'apertium', route: ['es', 'en'], note: 'machine translation es→en' });
    expect(translation.text).toMatch(/^The diploma is authentic and there (are|is) no(t)? sanctions\.$/);
    expect(requesterView.timeline[0].machineTranslation).toBeUndefined();
  });

  it('when no engine has the pair but two pairs meet in a third language, then the text goes through it', async () => {
    const p = await cast(h, 'pt', 'en');

    const c = await api.open(p, { message: 'O diploma é autêntico.' });
    const { translation } = await translationOf(api, p.responder.login, c.id, (t) => t.status === 'done');

    expect(translation).toMatchObject({ route: ['pt', 'es', 'en'], note: 'machine translation pt→en through es' });
    expect(translation.text).toMatch(/diploma/i);
  });

  it('when no engine can translate the pair, then the case says so instead of staying silent', async () => {
    const p = await cast(h, 'de', 'fr');

    const c = await api.open(p, { message: 'Das Diplom ist echt.' });
    const { translation } = await translationOf(api, p.responder.login, c.id, (t) => t.status !== 'pending');

    expect(translation).toMatchObject({ status: 'unsupported', text: null, note: 'no machine translation for de to fr' });
  });
});

describe('when the translation service is down', () => {
  let down: Harness;
  let apertium: RunningApertium | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    down = await startHarness(undefined, { translationUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await apertium?.stop();
    await down?.close();
  });

  it('then the case goes on, the translation is marked as retrying, and it arrives once the service is back', async () => {
    const client = apiClient(down);
    const p = await cast(down, 'es', 'en');

    const c = await client.open(p, { message: 'El diploma es auténtico.' });
    const retrying = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'retrying');
    const accepted = await client.act(p.responder.login, c.id, 'accept');
    apertium = await startApertium({ port });
    const done = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'done');

    expect(retrying.translation.note).toMatch(/unavailable, retrying/);
    expect(accepted.statusCode).toBe(200);
    expect(done.translation).toMatchObject({ text: 'The diploma is authentic.', engine: 'apertium' });
  }, 60_000);
});

describe('a LibreTranslate server after Apertium', () => {
  // LibreTranslate needs its language models downloaded at run time, which this machine cannot:
  // a stand-in speaks its HTTP API (GET /languages, POST /translate) with a two-sentence phrase
  // book. It is a fake of a third-party service; what is tested is Liaison's side of the contract.
  let server: Server;
  let url: string;
  let calls: { q: string; source: string; target: string; api_key?: string }[];
  let libre: Harness;
  beforeAll(async () => {
    calls = [];
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === '/languages') return res.end(JSON.stringify([{ code: 'de', name: 'German', targets: ['fr', 'en'] }]));
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const b = JSON.parse(body);
        calls.push(b);
        res.end(JSON.stringify({ translatedText: b.q === 'Das Diplom ist echt.' ? 'Le diplôme est authentique.' : `[${b.target}] ${b.q}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    libre = await startHarness(undefined, { moreTranslation: [libreTranslateProvider(url, 'secret-key')] });
  });
  afterAll(async () => {
    await libre?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('when Apertium lacks the pair, then the next provider translates it and is named as the engine', async () => {
    const client = apiClient(libre);
    const p = await cast(libre, 'de', 'fr');

    const c = await client.open(p, { message: 'Das Diplom ist echt.' });
    const { translation } = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'done');

    expect(translation).toMatchObject({ status: 'done', engine: 'libretranslate', route: ['de', 'fr'], text: 'Le diplôme est authentique.' });
    expect(calls).toContainEqual({ q: 'Das Diplom ist echt.', source: 'de', target: 'fr', format: 'text', api_key: 'secret-key' });
  });
});

describe('eTranslation, asynchronous', () => {
  // eTranslation is the Commission's service, reachable only by registered applications: a
  // stand-in speaks its protocol (Digest-authenticated JSON submission, then a form post to the
  // callback URL we gave). It is a fake of a third-party service; Liaison's side is what is tested.
  let server: Server;
  let et: Harness;
  let submissions: { body: Record<string, unknown>; authorization: string | undefined }[];
  let failFirst: boolean;
  beforeAll(async () => {
    submissions = [];
    server = createServer((req, res) => {
      if (!req.headers.authorization?.startsWith('Digest ')) {
        res.writeHead(401, { 'www-authenticate': 'Digest realm="eTranslation", qop="auth", nonce="n0nce"' });
        return res.end();
      }
      let raw = '';
      req.on('data', (d) => (raw += d));
      req.on('end', () => {
        const body = JSON.parse(raw);
        submissions.push({ body, authorization: req.headers.authorization });
        res.end(String(1000 + submissions.length));
        // The answer comes later, as a form post to the callback URL.
        const failing = failFirst && submissions.length === 1;
        const form: Record<string, string> = failing
          ? { 'error-code': '-20000', 'error-message': 'service overloaded', 'external-reference': body.externalReference }
          : { 'request-id': String(1000 + submissions.length), 'target-language': body.targetLanguages[0], 'translated-text': 'Le diplôme est authentique.', 'external-reference': body.externalReference };
        setTimeout(() => {
          void et.app.inject({
            method: 'POST',
            url: new URL(failing ? body.errorCallback : body.requesterCallback).pathname,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams(form).toString(),
          });
        }, 200);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/etranslation/api/askTranslate`;
    et = await startHarness(undefined, {
      moreTranslation: [eTranslationProvider({ url, application: 'Liaison', password: 'pw', callbackUrl: 'https://liaison.example/v1/callbacks/etranslation' })],
    });
  });
  afterAll(async () => {
    await et?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('when Apertium lacks the pair, then the text is submitted to eTranslation and its callback completes the translation', async () => {
    failFirst = false;
    const client = apiClient(et);
    const p = await cast(et, 'de', 'fr');

    const c = await client.open(p, { message: 'Das Diplom ist echt.' });
    const { translation } = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'done');

    expect(translation).toMatchObject({ status: 'done', engine: 'etranslation', route: ['de', 'fr'], text: 'Le diplôme est authentique.' });
    expect(submissions.at(-1)!.body).toMatchObject({ sourceLanguage: 'DE', targetLanguages: ['FR'], textToTranslate: 'Das Diplom ist echt.', domain: 'GEN' });
    expect(submissions.at(-1)!.authorization).toMatch(/username="Liaison".*response="[0-9a-f]{32}"/);
  });

  it('when eTranslation reports an error, then the translation is retried and arrives; a forged callback is refused', async () => {
    failFirst = true;
    submissions = [];
    const client = apiClient(et);
    const p = await cast(et, 'de', 'fr');

    const c = await client.open(p, { message: 'Das Diplom ist echt.' });
    const retrying = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'retrying');
    const forged = await et.app.inject({
      method: 'POST',
      url: '/v1/callbacks/etranslation',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ 'target-language': 'FR', 'translated-text': 'forged', 'external-reference': 'eyJ0YXNrVG9rZW4iOiJ4In0.bad' }).toString(),
    });
    const done = await translationOf(client, p.responder.login, c.id, (t) => t.status === 'done');

    expect(retrying.translation.note).toMatch(/service overloaded/);
    expectProblem(forged, 403);
    expect(done.translation.text).toBe('Le diplôme est authentique.');
    expect(submissions).toHaveLength(2);
  }, 60_000);
});
