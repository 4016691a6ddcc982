/**
 * A professional-qualifications request, end to end through the API, against the real Temporal
 * dev server and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParties, isoDate, replyBody, requestBody, type Parties } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

async function post(login: string, url: string, payload: unknown = {}, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...(await h.auth(login)), ...headers } });
}
async function get(login: string, url: string) {
  return h.app.inject({ method: 'GET', url, headers: await h.auth(login) });
}
const act = (login: string, id: string, action: string, payload: unknown = {}) => post(login, `/v1/cases/${id}/actions/${action}`, payload);

async function openCase(p: Parties, overrides: Record<string, unknown> = {}) {
  const res = await post(p.requester.login, '/v1/cases', requestBody(p.responder.authorityId, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('a professional-qualifications information request', () => {
  it('when both sides go through the whole procedure, then every step is recorded and the case is closed with its ratings', async () => {
    // Arrange
    const p = await createParties(h.database.db);

    // Act
    const created = await openCase(p);
    const accepted = await act(p.responder.login, created.id, 'accept');
    const proposed = await act(p.responder.login, created.id, 'propose-reply-date', { date: isoDate(40), message: 'archive search' });
    const requesterSeesProposal = (await get(p.requester.login, `/v1/cases/${created.id}`)).json();
    const agreed = await act(p.requester.login, created.id, 'decide-reply-date', { agree: true });
    const asked = await act(p.responder.login, created.id, 'request-information', { message: 'Which year did she graduate?' });
    const provided = await act(p.requester.login, created.id, 'provide-information', { message: 'In 2009.' });
    const replied = await act(p.responder.login, created.id, 'reply', replyBody);
    const closed = await act(p.requester.login, created.id, 'close', { timeliness: 5, efforts: 4 });

    // Assert
    for (const res of [accepted, proposed, agreed, asked, provided, replied, closed]) expect(res.statusCode, res.body).toBe(200);
    expect(created).toMatchObject({
      status: 'submitted',
      procedure: { id: 'pq-information-request', version: 3, kind: 'request-reply' },
      yourRoles: ['requester'],
      workflow: { id: `case-${created.id}`, type: 'pq-information-request' },
      parties: { requester: [{ authorityId: p.requester.authorityId, country: 'DE' }], responder: [{ authorityId: p.responder.authorityId, country: 'FR' }] },
      replyDate: { requested: isoDate(30), agreed: isoDate(30), pending: null },
      flags: [],
      availableActions: [{ id: 'withdraw' }],
    });
    expect(created.deadlines.map((d: { id: string }) => d.id)).toEqual(['acceptance', 'reply']);
    expect(accepted.json()).toMatchObject({ yourRoles: ['responder'], availableActions: [{ id: 'propose-reply-date' }, { id: 'request-information' }, { id: 'reply' }] });
    expect(proposed.json().availableActions.map((a: { id: string }) => a.id)).toEqual(['request-information', 'reply']);
    expect(requesterSeesProposal.availableActions.map((a: { id: string }) => a.id)).toEqual(['decide-reply-date', 'withdraw']);
    expect(proposed.json().replyDate.pending).toMatchObject({ date: isoDate(40), proposedBy: p.responder.login });
    expect(agreed.json().replyDate).toMatchObject({ agreed: isoDate(40), pending: null });
    const final = (await get(p.requester.login, `/v1/cases/${created.id}`)).json();
    expect(final).toMatchObject({ status: 'closed', ratings: { timeliness: 5, efforts: 4 } });
    expect(final.timeline.map((e: { action: string }) => e.action)).toEqual([
      'start',
      'accept',
      'propose-reply-date',
      'decide-reply-date',
      'request-information',
      'provide-information',
      'reply',
      'close',
    ]);
    expect(final.timeline[6]).toMatchObject({ actor: { login: p.responder.login }, payload: replyBody });
  });

  it('when the requester reopens a replied case with a follow-up question, then the responder must reply again', async () => {
    const p = await createParties(h.database.db);
    const c = await openCase(p);
    await act(p.responder.login, c.id, 'accept');
    await act(p.responder.login, c.id, 'reply', replyBody);

    const reopened = await act(p.requester.login, c.id, 'reopen', { message: 'And the date of the diploma?', replyBy: isoDate(10) });
    const again = await act(p.responder.login, c.id, 'reply', replyBody);

    expect(reopened.json()).toMatchObject({ status: 'accepted', replyDate: { agreed: isoDate(10) } });
    expect(again.json().status).toBe('replied');
  });

  it('when the requester withdraws before the reply, then the case ends and no further action is taken', async () => {
    const p = await createParties(h.database.db);
    const c = await openCase(p);

    const withdrawn = await act(p.requester.login, c.id, 'withdraw', { message: 'sent to the wrong country' });
    const late = await act(p.responder.login, c.id, 'accept');

    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    await expect(h.temporal.client.workflow.getHandle(c.workflow.id).result()).resolves.toMatchObject({ status: 'withdrawn' });
  });

  it('when the responder forwards the request, then the other authority of its country receives it and the first one no longer sees it', async () => {
    const p = await createParties(h.database.db);
    const c = await openCase(p);

    const forwarded = await act(p.responder.login, c.id, 'forward', { toAuthorityId: p.otherResponder.authorityId, message: 'not competent' });
    const firstResponderView = await get(p.responder.login, `/v1/cases/${c.id}`);
    const accepted = await act(p.otherResponder.login, c.id, 'accept');

    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(firstResponderView.statusCode).toBe(403);
    expect(accepted.json()).toMatchObject({ status: 'accepted', parties: { responder: [{ authorityId: p.otherResponder.authorityId }] } });
  });
});

describe('need-to-know', () => {
  it('when the responder has not accepted yet, then it sees the questions but not the personal data', async () => {
    const p = await createParties(h.database.db);
    const c = await openCase(p);

    const before = (await get(p.responder.login, `/v1/cases/${c.id}`)).json();
    await act(p.responder.login, c.id, 'accept');
    const after = (await get(p.responder.login, `/v1/cases/${c.id}`)).json();

    const answer = (view: { forms: { request: { question: string }[] } }, q: string) => view.forms.request.find((a) => a.question === q);
    expect(answer(before, 'professional-name')).toMatchObject({ personalData: true, redacted: true, value: null });
    expect(answer(before, 'profession')).toMatchObject({ personalData: false, redacted: false, value: 'general-nurse' });
    expect(answer(after, 'professional-name')).toMatchObject({ redacted: false, value: 'Maria Muster' });
    expect(answer(c, 'professional-name')).toMatchObject({ redacted: false, value: 'Maria Muster' });
  });
});

describe('GET /v1/cases', () => {
  it('when an official lists cases, then only those of their authority come back, filtered by role and status', async () => {
    const p = await createParties(h.database.db);
    const a = await openCase(p);
    const b = await openCase(p);
    await act(p.responder.login, b.id, 'accept');

    const asResponder = (await get(p.responder.login, '/v1/cases?role=responder&status=accepted')).json();
    const asRequester = (await get(p.requester.login, '/v1/cases?role=requester')).json();
    const outsider = (await get(p.outsider.login, '/v1/cases')).json();

    expect(asResponder.items.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect(asRequester.items.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(asRequester.total).toBe(2);
    expect(outsider).toMatchObject({ items: [], total: 0 });
  });
});
