/**
 * Browser sessions: a bearer token traded for an HttpOnly cookie that authenticates GET and HEAD
 * requests only. Through `inject` against the real PostgreSQL; no worker is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../api/session.js';
import { expectProblem } from './support/api-client.js';
import { authorityWithOfficial } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(undefined, { inProcessWorker: false });
});
afterAll(async () => h?.close());

/** A token for a fresh official, as the identity provider (here the dev issuer) would give it. */
async function tokenFor(login: string) {
  return (await h.auth(login)).authorization.replace(/^Bearer /, '');
}

const cookieOf = (setCookie: unknown) => String(setCookie).split(';')[0];

describe('POST /v1/auth/session', () => {
  it('when the token is valid, then it sets an HttpOnly, SameSite=Strict cookie that ends with the token', async () => {
    const o = await authorityWithOfficial(h.database.db, 'FR', 'reader');
    const token = await tokenFor(o.login);

    const res = await h.app.inject({ method: 'POST', url: '/v1/auth/session', payload: { token } });

    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ login: o.login, authority: { id: o.authorityId, country: 'FR' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^liaison_session=${token.replaceAll('.', '\\.')}; `));
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/; Secure/);
    const expires = new Date(cookie.match(/Expires=([^;]+)/)![1]).getTime();
    expect(Math.abs(expires - Date.parse(body.expiresAt))).toBeLessThan(1000);
    expect(Number(cookie.match(/Max-Age=(\d+)/)![1])).toBeGreaterThan(11 * 3600);
  });

  it('when the token is not valid, then it answers 401 problem+json and sets no cookie', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/auth/session', payload: { token: 'not-a-jwt' } });

    expectProblem(res, 401, /token is not valid/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the session cookie', () => {
  it('when a GET carries only the cookie, then it is authenticated as the token', async () => {
    const o = await authorityWithOfficial(h.database.db, 'DE', 'reader');
    const login = await h.app.inject({ method: 'POST', url: '/v1/auth/session', payload: { token: await tokenFor(o.login) } });
    const cookie = cookieOf(login.headers['set-cookie']);

    const session = await h.app.inject({ method: 'GET', url: '/v1/auth/session', headers: { cookie } });
    const cases = await h.app.inject({ method: 'GET', url: '/v1/cases', headers: { cookie: `other=1; ${cookie}` } });

    expect(session.statusCode, session.body).toBe(200);
    expect(session.json()).toMatchObject({ login: o.login });
    expect(cases.statusCode, cases.body).toBe(200);
  });

  it('when a POST carries only the cookie, then it answers 401: state changes need the bearer header', async () => {
    const o = await authorityWithOfficial(h.database.db, 'DE', 'writer');
    const token = await tokenFor(o.login);
    const cookie = `liaison_session=${token}`;

    const res = await h.app.inject({ method: 'POST', url: '/v1/cases', headers: { cookie }, payload: { procedure: 'pq-information-request' } });

    expectProblem(res, 401, /GET and HEAD only/);
  });

  it('when the cookie holds a bad token, then a GET answers 401 problem+json', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/cases', headers: { cookie: 'liaison_session=forged.token.value' } });

    expectProblem(res, 401, /token is not valid/);
  });
});

describe('DELETE /v1/auth/session', () => {
  it('when called, then the cookie is cleared: empty, expired, on the same path', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: '/v1/auth/session' });

    expect(res.statusCode).toBe(204);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^liaison_session=; Path=\/; HttpOnly; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0$/);
  });
});

describe('sessionCookie', () => {
  it('when the API runs in production (HTTPS), then the cookie is Secure', () => {
    expect(sessionCookie('t', undefined, true)).toBe('liaison_session=t; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
});
