/**
 * Authentication, authorisation, idempotent start and input validation of the API, against the
 * real Temporal dev server and PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { createAuthenticator } from '../api/auth.js';
import { createCaseGateway } from '../api/case-gateway.js';
import { loadTranslations } from '../policy-areas/i18n.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { createParties, isoDate, requestBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
});
afterAll(async () => h?.close());

describe('authentication', () => {
  it('when no token or a bad one is sent, then the API answers 401 with a Bearer challenge', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setIssuer('urn:liaison:dev-issuer').setAudience('liaison').setSubject('anyone').setExpirationTime('1h').sign(privateKey);

    const none = await api.get(null, '/v1/cases');
    const garbage = await h.app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: 'Bearer not-a-jwt' } });
    const wrongKey = await h.app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${forged}` } });

    for (const res of [none, garbage, wrongKey]) {
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('when a valid token names nobody in the directory, then the API answers 403', async () => {
    expectProblem(await api.get('ghost.official', '/v1/procedures'), 403, /not a registered official/);
  });

  it('when the dev issuer is asked, then it lists the officials (filtered by country and role) and gives tokens only for them', async () => {
    const p = await createParties(h.database.db);

    const users = (await api.get(null, '/v1/auth/dev-users?country=FR&role=coordinator')).json();
    const token = await api.post(null, '/v1/auth/dev-token', { user: p.coordinator.login });
    const unknown = await api.post(null, '/v1/auth/dev-token', { user: 'nobody' });

    expect(users.items.every((u: { roles: string[]; authority: { country: string } }) => u.roles.includes('coordinator') && u.authority.country === 'FR')).toBe(true);
    expect(users.items).toContainEqual({
      login: p.coordinator.login,
      name: expect.any(String),
      roles: ['official', 'coordinator'],
      authority: { id: p.coordinator.authorityId, name: expect.any(String), country: 'FR' },
    });
    const procedures = await h.app.inject({ method: 'GET', url: '/v1/procedures', headers: { authorization: `Bearer ${token.json().token}` } });
    expect(procedures.statusCode).toBe(200);
    expectProblem(unknown, 400);
  });
});

describe('production mode', () => {
  // A stand-in for the organisation's identity provider, which cannot run here: it only serves a
  // JWKS document and signs tokens with the matching key, as any OIDC provider would.
  let idp: Server;
  let jwksUrl: string;
  let sign: (sub: string) => Promise<string>;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    idp = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(idp.address() as { port: number }).port}/jwks.json`;
    sign = (sub) =>
      new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://idp.example').setAudience('liaison').setSubject(sub).setExpirationTime('5m').sign(privateKey);
  });
  afterAll(() => new Promise<void>((r) => idp.close(() => r())));

  it('when the API runs in production mode, then the dev issuer is gone and the configured issuer’s tokens are accepted', async () => {
    const p = await createParties(h.database.db);
    const auth = await createAuthenticator('production', { issuer: 'https://idp.example', audience: 'liaison', jwksUrl, devKeyFile: '/nonexistent' });
    const app = await buildApp({
      mode: 'production',
      db: h.database.db,
      temporal: h.temporal.client,
      gateway: createCaseGateway(h.temporal.client, { taskQueue: h.taskQueue }),
      catalog: await loadCatalog(),
      translations: await loadTranslations(),
      auth,
      searchAttributes: true,
      // Loaded on first use: it brings the test server and a worker into the process.
      dryRun: async (d, sc) => (await import('../worker/dry-run.js')).dryRun(d, sc),
    });
    try {
      const devToken = await app.inject({ method: 'POST', url: '/v1/auth/dev-token', payload: { user: p.requester.login } });
      const devUsers = await app.inject({ method: 'GET', url: '/v1/auth/dev-users' });
      const ok = await app.inject({ method: 'GET', url: '/v1/procedures', headers: { authorization: `Bearer ${await sign(p.requester.login)}` } });

      expectProblem(devToken, 404);
      expectProblem(devUsers, 404);
      expect(ok.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('access to cases', () => {
  it('when an official of an authority that takes no part reads or acts on a case, then it is refused with 403', async () => {
    const p = await createParties(h.database.db);
    const c = await api.open(p);

    expectProblem(await api.get(p.outsider.login, `/v1/cases/${c.id}`), 403);
    expectProblem(await api.act(p.outsider.login, c.id, 'accept'), 403);
    expectProblem(await api.get(p.coordinator.login, `/v1/cases/${c.id}`), 403);
  });

  it('when a case does not exist or its id is malformed, then the API answers 404 or 400', async () => {
    const p = await createParties(h.database.db);

    expectProblem(await api.get(p.requester.login, '/v1/cases/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await api.get(p.requester.login, '/v1/cases/not-a-uuid'), 400);
    expectProblem(await api.act(p.requester.login, '00000000-0000-4000-8000-000000000000', 'withdraw'), 404);
    expectProblem(await api.act(p.requester.login, '00000000-0000-4000-8000-000000000000', 'explode'), 404);
  });
});

describe('POST /v1/cases', () => {
  it('when the same Idempotency-Key is sent twice, even at once, then one case exists and both answers name it', async () => {
    const p = await createParties(h.database.db);
    const body = requestBody(p.responder.authorityId);
    const headers = { 'idempotency-key': 'pq-2026-0001' };

    const [a, b] = await Promise.all([api.post(p.requester.login, '/v1/cases', body, headers), api.post(p.requester.login, '/v1/cases', body, headers)]);
    const c = await api.post(p.requester.login, '/v1/cases', body, headers);

    // Racing requests may both see no case yet; Temporal's workflow-id conflict policy joins them.
    expect([a.statusCode, b.statusCode]).toContain(201);
    for (const res of [a, b]) expect([200, 201]).toContain(res.statusCode);
    expect(c.statusCode).toBe(200);
    expect(c.headers['idempotent-replayed']).toBe('true');
    expect(new Set([a.json().id, b.json().id, c.json().id]).size).toBe(1);
    const list = (await api.get(p.requester.login, '/v1/cases')).json();
    expect(list.total).toBe(1);
  });

  it('when an Idempotency-Key is reused with a different request, then it is refused with 422 and no case is opened', async () => {
    const p = await createParties(h.database.db);
    const headers = { 'idempotency-key': 'pq-2026-0002' };
    await api.post(p.requester.login, '/v1/cases', requestBody(p.responder.authorityId), headers);

    const res = await api.post(p.requester.login, '/v1/cases', requestBody(p.responder.authorityId, { replyBy: isoDate(31) }), headers);

    expectProblem(res, 422, /already used/);
    expect((await api.get(p.requester.login, '/v1/cases')).json().total).toBe(1);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a required answer is missing', { answers: { profession: 'midwife' } }, /body\.answers\.professional-name is required/],
    ['an answer has the wrong type', { answers: { ...requestBody('x').answers, 'date-of-birth': '12/04/1985' } }, /date-of-birth must be a date/],
    ['the reply date is today', { replyBy: isoDate(0) }, /replyBy must be after today/],
    ['the procedure is unknown', { procedure: 'no-such-procedure' }, /unknown procedure/],
    ['a field is not part of the request', { urgent: true }, /additional properties/],
  ])('when %s, then it is refused with 400 and no case is opened', async (_what, overrides, detail) => {
    const p = await createParties(h.database.db);

    const res = await api.post(p.requester.login, '/v1/cases', requestBody(p.responder.authorityId, overrides));

    expectProblem(res, 400, detail);
    expect((await api.get(p.requester.login, '/v1/cases')).json().total).toBe(0);
  });

  it('when the responding authority is in the requester’s own country, then it is refused with 400: procedures are cross-border', async () => {
    const p = await createParties(h.database.db);

    const res = await api.post(p.responder.login, '/v1/cases', requestBody(p.otherResponder.authorityId));

    expectProblem(res, 400, /another country/);
  });

  it('when the body is not JSON, then it is refused with 400 problem details', async () => {
    const p = await createParties(h.database.db);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: '{"procedure": ',
      headers: { ...(await h.auth(p.requester.login)), 'content-type': 'application/json' },
    });
    expectProblem(res, 400);
  });
});

describe('service endpoints', () => {
  it('when the docs and probes are asked for, then they describe every route and report readiness', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    const docs = await h.app.inject({ method: 'GET', url: '/docs' });

    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/cases/{id}/actions/{action}', '/v1/procedures', '/v1/procedures/{id}', '/v1/procedures/{id}/versions', '/healthz', '/readyz']),
    );
    expect(ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
    expect(docs.statusCode).toBeLessThan(400);
  });
});
