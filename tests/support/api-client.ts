/** Small helpers to talk to the API under test through `inject`, as a given official. */
import { expect } from 'vitest';
import { requestBody, replyBody, type Parties } from './factories.js';
import type { Harness } from './harness.js';

export function apiClient(h: Harness) {
  const send = async (method: 'GET' | 'POST' | 'PUT', login: string | null, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: { ...(login ? await h.auth(login) : {}), ...headers },
    });
  const api = {
    get: (login: string | null, url: string) => send('GET', login, url),
    post: (login: string | null, url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
      send('POST', login, url, payload, headers),
    put: (login: string | null, url: string, payload: unknown) => send('PUT', login, url, payload),
    act: (login: string, id: string, action: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
      send('POST', login, `/v1/cases/${id}/actions/${action}`, payload, headers),
    /** Opens a case from the requester to the responder and returns its view. */
    async open(p: Parties, overrides: Record<string, unknown> = {}) {
      const res = await send('POST', p.requester.login, '/v1/cases', requestBody(p.responder.authorityId, overrides));
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    /** Opens a case and drives it to the given status with the ordinary actions. */
    async caseIn(p: Parties, status: 'submitted' | 'accepted' | 'information-requested' | 'replied' | 'closed') {
      const c = await api.open(p);
      const steps: [string, string, unknown][] = [
        [p.responder.login, 'accept', {}],
        [p.responder.login, 'request-information', { message: 'More please' }],
        [p.requester.login, 'provide-information', { message: 'Here' }],
        [p.responder.login, 'reply', replyBody],
        [p.requester.login, 'close', {}],
      ];
      const stopAfter = { submitted: 0, accepted: 1, 'information-requested': 2, replied: 4, closed: 5 }[status];
      for (const [login, action, body] of steps.slice(0, stopAfter)) {
        const res = await api.act(login, c.id, action, body);
        expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      }
      return c as { id: string; workflow: { id: string } };
    },
  };
  return api;
}

export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, detail?: RegExp) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { status: number; detail: string; type: string; title: string };
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String) });
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}
