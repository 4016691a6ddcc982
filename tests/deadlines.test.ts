/**
 * The procedure's durable timers at their real lengths, on Temporal's time-skipping test server:
 * the one-week acceptance window and the agreed reply date. Nothing is shortened: the test server
 * jumps over the days while the real worker, activities and PostgreSQL run as usual.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.js';
import { createParties, isoDate, type Parties } from './support/factories.js';
import { eventually } from './support/eventually.js';
import type { Harness } from './support/harness.js';
import { startTimeSkippingHarness } from './support/time-skipping.js';
import { recordQuery } from '../workflows/contract.js';
import { recordHistory } from './support/histories.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
let h: Harness;
let api: ReturnType<typeof apiClient>;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ env, h, close } = await startTimeSkippingHarness());
  api = apiClient(h);
});
afterAll(async () => close?.());

const view = (p: Parties, id: string, login = p.requester.login) => api.get(login, `/v1/cases/${id}`).then((r) => r.json());
const actions = (v: { timeline: { action: string }[] }) => v.timeline.map((e) => e.action);

/** The workflow's own state, once it has handled everything due up to the server's current time. */
const snapshot = (workflowId: string) => h.temporal.client.workflow.getHandle(workflowId).query(recordQuery);

/** When a running deadline falls due, as the case shows it. */
const due = (v: { deadlines: { id: string; due: string }[] }, id: string) => Date.parse(v.deadlines.find((d) => d.id === id)!.due);
const has = (flag: string) => <T extends { flags: string[] }>(v: T) => v.flags.includes(flag);

/** Skips test-server time forward to `target` (epoch ms). */
async function skipTo(target: number) {
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

describe('the one-week acceptance window', () => {
  it('when the responder has not accepted after 7 days, then the case is flagged and escalated to its country’s coordinator, who forwards it; the flag stays after a later acceptance', async () => {
    // Arrange
    const p = await createParties(h.database.db);
    const c = await api.open(p, { replyBy: isoDate(60) });
    const acceptBy = due(c, 'acceptance');
    expect(acceptBy - Date.parse(c.startedAt)).toBe(7 * DAY);

    // Act 1: one hour before the week is over, only the reminder (2 days before) has gone out.
    await skipTo(acceptBy - HOUR);
    const before = await eventually(() => view(p, c.id), (v) => actions(v).includes('acceptance-reminder'), 'the acceptance reminder');
    const coordinatorBefore = await api.get(p.coordinator.login, `/v1/cases/${c.id}`);

    // Act 2: the week is over.
    await skipTo(acceptBy + HOUR);
    const lapsed = await eventually(() => view(p, c.id), has('not-accepted-in-time'), 'the acceptance window to lapse');
    const forwarded = await api.act(p.coordinator.login, c.id, 'forward', { toAuthorityId: p.otherResponder.authorityId, message: 'competent authority' });
    const accepted = await api.act(p.otherResponder.login, c.id, 'accept');
    await recordHistory(h.temporal.client, c.workflow.id, 'acceptance-lapsed-escalated-forwarded');

    // Assert
    expect(before).toMatchObject({ flags: [], escalations: [] });
    expect(before.timeline.find((e: { action: string }) => e.action === 'acceptance-reminder')).toMatchObject({ actor: null, payload: { due: c.deadlines[0].due } });
    expect(coordinatorBefore.statusCode).toBe(403);
    expect(lapsed).toMatchObject({ flags: ['not-accepted-in-time'], escalations: [{ role: 'coordinator', country: 'FR' }] });
    expect(lapsed.deadlines.map((d: { id: string }) => d.id)).toEqual(['reply']);
    expect(Date.parse(lapsed.escalations[0].at)).toBeGreaterThanOrEqual(acceptBy);
    expect(lapsed.timeline.find((e: { action: string }) => e.action === 'acceptance-expired')).toMatchObject({
      actor: null,
      payload: { escalatedTo: { role: 'coordinator', countries: ['FR'] } },
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      parties: { responder: [{ authorityId: p.otherResponder.authorityId }] },
      flags: ['not-accepted-in-time'],
    });
  });

  it('when the responder accepts within the week, then no flag is raised when the week ends', async () => {
    const p = await createParties(h.database.db);
    const c = await api.open(p, { replyBy: isoDate(60) });
    await api.act(p.responder.login, c.id, 'accept');

    await skipTo(due(c, 'acceptance') + DAY);
    // Nothing is due to happen, so there is nothing to wait for: ask the workflow itself.
    const state = await snapshot(c.workflow.id);

    const v = await view(p, c.id);
    expect(state).toMatchObject({ flags: [], escalations: [] });
    expect(v).toMatchObject({ flags: [], escalations: [] });
    expect(actions(v)).not.toContain('acceptance-expired');
  });
});

describe('the agreed reply date', () => {
  it('when the agreed date passes without a reply, then a reminder comes 3 days before and the case is flagged overdue after the date', async () => {
    const p = await createParties(h.database.db);
    const now = await env.currentTimeMs();
    const replyBy = isoDate(12, now);
    const c = await api.open(p, { replyBy });
    await api.act(p.responder.login, c.id, 'accept');
    const replyDue = due(c, 'reply');

    await skipTo(replyDue - HOUR);
    const before = await eventually(() => view(p, c.id), (v) => actions(v).includes('reply-reminder'), 'the reply reminder');
    await skipTo(replyDue + HOUR);
    const after = await eventually(() => view(p, c.id), has('overdue'), 'the overdue flag');
    const listed = (await api.get(p.responder.login, '/v1/cases?overdue=true')).json();
    await recordHistory(h.temporal.client, c.workflow.id, 'reply-reminded-then-overdue');

    expect(replyDue).toBe(Date.parse(`${replyBy}T00:00:00Z`) + DAY);
    expect(before.flags).toEqual([]);
    expect(Date.parse(before.timeline.find((e: { action: string }) => e.action === 'reply-reminder').at)).toBeGreaterThanOrEqual(replyDue - 3 * DAY);
    expect(after.flags).toEqual(['overdue']);
    expect(after.timeline.find((e: { action: string }) => e.action === 'reply-expired').payload).toEqual({ due: new Date(replyDue).toISOString() });
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('when the two sides agree on a later date, then the deadline moves: nothing is overdue at the old date, and the new one is enforced', async () => {
    const p = await createParties(h.database.db);
    const now = await env.currentTimeMs();
    const c = await api.open(p, { replyBy: isoDate(5, now) });
    await api.act(p.responder.login, c.id, 'accept');
    const oldDue = due(c, 'reply');
    await api.act(p.responder.login, c.id, 'propose-reply-date', { date: isoDate(15, now), message: 'archives' });
    const agreed = (await api.act(p.requester.login, c.id, 'decide-reply-date', { agree: true })).json();
    const newDue = due(agreed, 'reply');

    await skipTo(oldDue + DAY);
    const stateAtOldDate = await snapshot(c.workflow.id);
    const atOldDate = await view(p, c.id);
    await skipTo(newDue + HOUR);
    const atNewDate = await eventually(() => view(p, c.id), has('overdue'), 'the overdue flag at the new date');

    expect(newDue - oldDue).toBe(10 * DAY);
    expect(stateAtOldDate.flags).toEqual([]);
    expect(atOldDate.flags).toEqual([]);
    expect(actions(atOldDate)).not.toContain('reply-expired');
    expect(atNewDate.timeline.find((e: { action: string }) => e.action === 'reply-expired').payload).toEqual({ due: new Date(newDue).toISOString() });
  });

  it('when the reply comes before the date, then nothing is flagged and the reply deadline stops', async () => {
    const p = await createParties(h.database.db);
    const now = await env.currentTimeMs();
    const c = await api.open(p, { replyBy: isoDate(8, now) });
    await api.act(p.responder.login, c.id, 'accept');
    await skipTo(now + 4 * DAY);
    const replied = (await api.act(p.responder.login, c.id, 'reply', { answers: { 'qualification-authentic': true, sanctions: false } })).json();

    await skipTo(due(c, 'reply') + DAY);
    const state = await snapshot(c.workflow.id);

    const v = await view(p, c.id);
    expect(state.flags).toEqual([]);
    expect(v).toMatchObject({ status: 'replied', flags: [], deadlines: [] });
    expect(replied.timeline.at(-1)).toMatchObject({ action: 'reply' });
  });
});
