/**
 * What supervisors see, on Temporal's time-skipping server: deadlines lapsing at their real
 * lengths show up in the overdue view, escalations with who took them up, each scoped to the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officials } from '../db/schema/index.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { authorityWithOfficial, createParties, isoDate, type Parties } from './support/factories.js';
import { eventually } from './support/eventually.js';
import type { Harness } from './support/harness.js';
import { startTimeSkippingHarness } from './support/time-skipping.js';
import { eq } from 'drizzle-orm';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;
let api: ReturnType<typeof apiClient>;
let close: () => Promise<void>;
let skip: (ms: number) => Promise<void>;
let now: () => number;
beforeAll(async () => {
  // The API judges "due within N days" by the test server's skipped-ahead time, as the workflows do.
  ({ h, close, skip, now } = await startTimeSkippingHarness());
  api = apiClient(h);
}, 60_000);
afterAll(async () => close?.());

type Overdue = { counts: Record<string, number>; cases: { id: string; reasons: string[]; lapsed: { id: string; label: string }[]; href: string }[] };
const overdue = async (login: string, query = '') => {
  const res = await api.get(login, `/v1/supervision/overdue?${query.includes('withinDays') ? '' : 'withinDays=7'}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Promise<Overdue>;
};
const ids = (o: Overdue) => o.cases.map((c) => c.id);

describe('GET /v1/supervision/overdue', () => {
  it('when the acceptance week lapses, then the case moves from "due soon" to "not accepted in time" within a second, and its escalation is listed until the coordinator takes it up', async () => {
    const p = await createParties(h.database.db);
    const c = await api.open(p, { replyBy: isoDate(60, now()) });
    const mine = `&authority=${p.responder.authorityId}`;
    const before = await overdue(p.coordinator.login, mine);
    expect(before.cases).toMatchObject([{ id: c.id, reasons: ['due-soon'] }]);
    expect(before.counts).toMatchObject({ notAcceptedInTime: 0, dueSoon: 1, total: 1 });

    await skip(7 * DAY + HOUR);
    const fired = Date.now();
    const after = await eventually(() => overdue(p.coordinator.login, mine), (o) => o.counts.notAcceptedInTime === 1, 'the lapse to show', { intervalMs: 20 });
    const latency = Date.now() - fired;
    expect(latency).toBeLessThan(1000);
    expect(after.cases[0]).toMatchObject({ id: c.id, reasons: ['not-accepted-in-time'], lapsed: [{ id: 'acceptance', label: 'Accept within one week' }], href: `/v1/cases/${c.id}` });

    const open = await api.get(p.coordinator.login, `/v1/supervision/escalations?authority=${p.responder.authorityId}`);
    expect(open.json().escalations).toMatchObject([{ caseId: c.id, country: 'FR', role: 'coordinator', handledBy: null }]);
    const forwarded = await api.act(p.coordinator.login, c.id, 'forward', { toAuthorityId: p.otherResponder.authorityId, message: 'competent authority' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const handled = await eventually(
      () => api.get(p.coordinator.login, `/v1/supervision/escalations?authority=${p.otherResponder.authorityId}&handled=true`).then((r) => r.json()),
      (b) => b.total === 1,
      'the escalation to be handled',
    );
    expect(handled.escalations[0]).toMatchObject({ caseId: c.id, handledBy: { login: p.coordinator.login, action: 'forward' } });
  });

  it('when the agreed reply date passes without a reply, then the case is listed as past its reply date', async () => {
    const p = await createParties(h.database.db);
    const c = await api.open(p, { replyBy: isoDate(10, now()) });
    expect((await api.act(p.responder.login, c.id, 'accept')).statusCode).toBe(200);
    const mine = `&authority=${p.responder.authorityId}`;
    expect((await overdue(p.requester.login, mine)).cases).toEqual([]);
    expect((await overdue(p.requester.login, `${mine}&withinDays=14`)).cases).toMatchObject([{ id: c.id, reasons: ['due-soon'] }]);

    await skip(12 * DAY);
    const after = await eventually(() => overdue(p.requester.login, mine), (o) => o.counts.pastReplyDate === 1, 'the reply date to pass');
    expect(after.cases).toMatchObject([{ id: c.id, reasons: ['past-reply-date'] }]);
  });
});

describe('who sees what', () => {
  let p: Parties;
  let caseId: string;
  const sees = async (login: string) => ids(await overdue(login, `&procedure=pq-information-request&withinDays=30`)).includes(caseId);
  beforeAll(async () => {
    p = await createParties(h.database.db);
    caseId = (await api.open(p, { replyBy: isoDate(20, now()) })).id;
  });

  it('when coordinators, policy owners, the IMI team and officials ask, then each sees the case only where it is theirs to supervise', async () => {
    const db = h.database.db;
    const make = (country: string, label: string, roles: string[], areas?: string[]) => authorityWithOfficial(db, country, label, roles, areas);
    const deCoordinator = await make('DE', 'nimic', ['official', 'coordinator']);
    const itCoordinator = await make('IT', 'nimic', ['official', 'coordinator']);
    const frServices = await make('FR', 'limic', ['official', 'coordinator']);
    await db.update(officials).set({ coordinatorAreas: ['services'] }).where(eq(officials.login, frServices.login));
    const frPq = await make('FR', 'limic', ['official', 'coordinator']);
    await db.update(officials).set({ coordinatorAreas: ['professional-qualifications'] }).where(eq(officials.login, frPq.login));
    const pqOwner = await make('EU', 'dg-grow', ['official', 'policy-owner'], ['professional-qualifications']);
    const gdprOwner = await make('EU', 'dg-just', ['official', 'policy-owner'], ['gdpr']);
    const imiTeam = await make('EU', 'imi', ['official', 'imi-team'], []);

    const seen = Object.fromEntries(
      await Promise.all(
        Object.entries({ deCoordinator, itCoordinator, frServices, frPq, pqOwner, gdprOwner, imiTeam, responder: p.responder, outsider: p.outsider }).map(
          async ([k, o]) => [k, await sees(o.login)] as const,
        ),
      ),
    );
    expect(seen).toEqual({ deCoordinator: true, itCoordinator: false, frServices: false, frPq: true, pqOwner: true, gdprOwner: false, imiTeam: true, responder: true, outsider: false });
  });

  it('when filters are given, then they narrow the list, and an unknown area or procedure is refused', async () => {
    const login = p.coordinator.login;
    expect(await sees(login)).toBe(true);
    expect(ids(await overdue(login, `&country=IT&withinDays=30`))).not.toContain(caseId);
    expect(ids(await overdue(login, `&area=services&withinDays=30`))).not.toContain(caseId);
    expect(ids(await overdue(login, `&area=professional-qualifications&withinDays=30`))).toContain(caseId);
    expectProblem(await api.get(login, '/v1/supervision/overdue?area=astrology'), 400, /unknown legal area/);
    expectProblem(await api.get(login, '/v1/supervision/overdue?procedure=nope'), 400, /unknown procedure/);
    expectProblem(await api.get(login, '/v1/supervision/overdue?withinDays=-1'), 400);
    expectProblem(await api.get(null, '/v1/supervision/overdue'), 401);
  });
});
