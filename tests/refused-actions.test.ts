/**
 * Every action refused where the procedure does not allow it: 409 in the wrong state, 403 for the
 * wrong side, 400 for bad input, and never a trace in the workflow's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectProblem } from './support/api-client.js';
import { createParties, isoDate, replyBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
});
afterAll(async () => h?.close());

/** Names of the updates the workflow accepted into its history. */
async function acceptedUpdates(workflowId: string): Promise<string[]> {
  const history = await h.temporal.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name)
    .filter((n): n is string => Boolean(n));
}

type Who = 'requester' | 'responder';
const notNow: [string, 'submitted' | 'accepted' | 'information-requested' | 'replied' | 'closed', Who, unknown][] = [
  ['accept', 'accepted', 'responder', {}],
  ['forward', 'accepted', 'responder', { toAuthorityId: 'OTHER' }],
  ['propose-reply-date', 'replied', 'responder', { date: isoDate(50) }],
  ['decide-reply-date', 'accepted', 'requester', { agree: true }],
  ['request-information', 'submitted', 'responder', { message: 'Why?' }],
  ['provide-information', 'accepted', 'requester', { message: 'Because.' }],
  ['reply', 'submitted', 'responder', replyBody],
  ['close', 'accepted', 'requester', { timeliness: 3 }],
  ['reopen', 'submitted', 'requester', { message: 'And?' }],
  ['withdraw', 'replied', 'requester', {}],
];

describe('POST /v1/cases/{id}/actions/{action}', () => {
  it.each(notNow)('when %s is asked of a case that is %s, then it is refused with 409 and leaves no trace in the history', async (action, status, who, body) => {
    // Arrange
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, status);
    const payload = action === 'forward' ? { toAuthorityId: p.otherResponder.authorityId } : body;
    const before = await acceptedUpdates(c.workflow.id);

    // Act
    const res = await api.act(p[who].login, c.id, action, payload);

    // Assert
    expectProblem(res, 409);
    expect((await api.get(p.requester.login, `/v1/cases/${c.id}`)).json().status).toBe(status);
    expect(await acceptedUpdates(c.workflow.id)).toEqual(before);
  });

  it.each<[string, Who, unknown]>([
    ['accept', 'requester', {}],
    ['reply', 'requester', replyBody],
    ['propose-reply-date', 'requester', { date: isoDate(45) }],
    ['withdraw', 'responder', {}],
  ])('when %s is asked by the %s, the wrong side, then it is refused with 403', async (action, who, body) => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'submitted');

    const res = await api.act(p[who].login, c.id, action, body);

    expectProblem(res, 403);
  });

  it('when the responder proposes a reply date in the past, then it is refused with 400', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'accepted');

    expectProblem(await api.act(p.responder.login, c.id, 'propose-reply-date', { date: isoDate(-2) }), 400, /after today/);
    expectProblem(await api.act(p.responder.login, c.id, 'propose-reply-date', { date: '2026-02-30' }), 400);
  });

  it('when a proposal is already waiting, then a second one is refused with 409', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'accepted');
    await api.act(p.responder.login, c.id, 'propose-reply-date', { date: isoDate(45) });

    expectProblem(await api.act(p.responder.login, c.id, 'propose-reply-date', { date: isoDate(46) }), 409, /already waiting/);
  });

  it('when the reply leaves out an answer to a question that was asked, then it is refused with 400 naming the question', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'accepted');

    const res = await api.act(p.responder.login, c.id, 'reply', { answers: { 'qualification-authentic': true } });

    expectProblem(res, 400, /answers\.sanctions is required/);
  });

  it('when the case is forwarded to an authority of another country or an unknown one, then it is refused with 400', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'submitted');

    expectProblem(await api.act(p.responder.login, c.id, 'forward', { toAuthorityId: p.outsider.authorityId }), 400, /only be forwarded to another authority of FR/);
    expectProblem(await api.act(p.responder.login, c.id, 'forward', { toAuthorityId: 'NO-SUCH-AUTHORITY' }), 400);
  });

  it('when a closing rating is out of range or a field is unknown, then it is refused with 400 naming the field', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'replied');

    const rating = expectProblem(await api.act(p.requester.login, c.id, 'close', { timeliness: 6 }), 400);
    const unknown = expectProblem(await api.act(p.requester.login, c.id, 'close', { stars: 5 }), 400);

    expect(rating).toMatchObject({ errors: [expect.objectContaining({ path: 'body.timeliness' })] });
    expect(unknown.detail).toMatch(/additional properties/);
  });

  it('when the same action is sent twice with one Idempotency-Key, then it is performed once', async () => {
    const p = await createParties(h.database.db);
    const c = await api.caseIn(p, 'accepted');
    const headers = { 'idempotency-key': 'ask-once' };

    const first = await api.act(p.responder.login, c.id, 'request-information', { message: 'Year?' }, headers);
    const second = await api.act(p.responder.login, c.id, 'request-information', { message: 'Year?' }, headers);

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    const timeline = (await api.get(p.requester.login, `/v1/cases/${c.id}`)).json().timeline;
    expect(timeline.filter((e: { action: string }) => e.action === 'request-information')).toHaveLength(1);
  });
});
