/**
 * One scenario per kind of procedure besides request-and-reply (case-lifecycle.test.ts), through
 * the API, the interpreter workflow and PostgreSQL, on Temporal's time-skipping server so the
 * legal deadlines run at their real lengths: an alert to many recipients, an application deemed
 * granted when the host misses its deadline, a SOLVIT case with stages, a notification the
 * Commission confirms and sends on.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../policy-areas/calendar.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import type { Form } from '../policy-areas/types.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { answersFor } from './support/conformance-driver.js';
import { authorityWithOfficial } from './support/factories.js';
import { eventually } from './support/eventually.js';
import type { Harness } from './support/harness.js';
import { startTimeSkippingHarness } from './support/time-skipping.js';
import { recordHistory } from './support/histories.js';

const DAY = 86_400_000;
const catalog = await loadCatalog();
const form = (procedure: string, id: string) => catalog.procedures.get(procedure)!.forms[id] as Form;

let env: TestWorkflowEnvironment;
let h: Harness;
let api: ReturnType<typeof apiClient>;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ env, h, close } = await startTimeSkippingHarness());
  api = apiClient(h);
});
afterAll(async () => close?.());

async function skipDays(days: number) {
  await env.sleep(days * DAY);
}

const caseWhen = (login: string, id: string, ok: (v: CaseJson) => boolean, what: string) =>
  eventually(() => api.get(login, `/v1/cases/${id}`).then((r) => r.json() as CaseJson), ok, what);

interface CaseJson {
  id: string;
  status: string;
  final: boolean;
  flags: string[];
  yourRoles: string[];
  parties: Record<string, { authorityId: string; country: string }[]>;
  escalations: { role: string; country: string }[];
  deadlines: { id: string; due: string }[];
  forms: Record<string, { question: string; redacted: boolean }[]>;
  availableActions: { id: string }[];
  timeline: { action: string; at: string; actor: { login: string } | null; payload: Record<string, unknown> }[];
}

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<CaseJson> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as CaseJson;
}

describe('an alert', () => {
  it('when a restriction alert goes to two countries, then each recipient acknowledges it once, the sender updates and withdraws it, and an uninvolved authority never sees it', async () => {
    const area = 'professional-qualifications';
    const sender = await authorityWithOfficial(h.database.db, 'DE', 'sender', ['official'], [area]);
    const fr = await authorityWithOfficial(h.database.db, 'FR', 'recipient', ['official'], [area]);
    const it_ = await authorityWithOfficial(h.database.db, 'IT', 'recipient', ['official'], [area]);
    const pt = await authorityWithOfficial(h.database.db, 'PT', 'bystander', ['official'], [area]);

    const alert = await ok(
      api.post(sender.login, '/v1/cases', {
        procedure: 'pq-alert-restriction',
        parties: { recipients: [fr.authorityId, it_.authorityId] },
        answers: answersFor(form('pq-alert-restriction', 'alert')),
        message: 'Suspended for three months.',
      }),
      201,
    );
    const frSees = await ok(api.get(fr.login, `/v1/cases/${alert.id}`));
    await ok(api.act(fr.login, alert.id, 'acknowledge'));
    const again = await api.act(fr.login, alert.id, 'acknowledge');
    await ok(api.act(it_.login, alert.id, 'acknowledge', { message: 'Registered in our system.' }));
    const recipientUpdating = await api.act(it_.login, alert.id, 'update', { message: 'x', answers: answersFor(form('pq-alert-restriction', 'update')) });
    const updated = await ok(api.act(sender.login, alert.id, 'update', { message: 'Now indefinite.', answers: answersFor(form('pq-alert-restriction', 'update')) }));
    const withdrawn = await ok(api.act(sender.login, alert.id, 'withdraw', { message: 'The court annulled the decision.' }));
    const bystander = await api.get(pt.login, `/v1/cases/${alert.id}`);
    await recordHistory(h.temporal.client, `case-${alert.id}`, 'alert-acknowledged-updated-withdrawn');

    expect(alert).toMatchObject({ status: 'active', yourRoles: ['sender'], deadlines: [] });
    expect(alert.parties.recipients.map((p) => p.country)).toEqual(['FR', 'IT']);
    // An alert is read on receipt: nothing is held back until an acceptance that never comes.
    expect(frSees.yourRoles).toEqual(['recipients']);
    expect(frSees.forms.alert.every((a) => !a.redacted)).toBe(true);
    expectProblem(again, 409, /already/);
    expectProblem(recipientUpdating, 403);
    expect(updated.status).toBe('active');
    expect(withdrawn).toMatchObject({ status: 'withdrawn', final: true, availableActions: [] });
    expect(withdrawn.timeline.map((e) => e.action)).toEqual(['start', 'acknowledge', 'acknowledge', 'update', 'withdraw']);
    expectProblem(bystander, 403);
  });

  it('when an alert names recipients by country, then every competent authority of those countries receives it, and none of the sender’s own', async () => {
    const area = 'professional-qualifications';
    const sender = await authorityWithOfficial(h.database.db, 'AT', 'sender', ['official'], [area]);
    const nl1 = await authorityWithOfficial(h.database.db, 'NL', 'one', ['official'], [area]);
    const nl2 = await authorityWithOfficial(h.database.db, 'NL', 'two', ['official'], [area]);
    await authorityWithOfficial(h.database.db, 'NL', 'other-area', ['official'], ['gdpr']);
    const home = await authorityWithOfficial(h.database.db, 'AT', 'home', ['official'], [area]);

    const alert = await ok(
      api.post(sender.login, '/v1/cases', { procedure: 'pq-alert-restriction', recipientCountries: ['NL'], answers: answersFor(form('pq-alert-restriction', 'alert')) }),
      201,
    );
    const ownCountry = await api.post(sender.login, '/v1/cases', {
      procedure: 'pq-alert-restriction',
      parties: { recipients: [home.authorityId] },
      answers: answersFor(form('pq-alert-restriction', 'alert')),
    });

    expect(alert.parties.recipients.map((p) => p.authorityId).sort()).toEqual([nl1.authorityId, nl2.authorityId].sort());
    expect(expectProblem(ownCountry, 400).detail).toMatch(/other countries/);
  });
});

describe('an application', () => {
  it('when the host country takes no decision within two months of the transmission, then the European Professional Card is deemed granted', async () => {
    const area = 'european-professional-card';
    const applicantDesk = await authorityWithOfficial(h.database.db, 'PL', 'epc-desk', ['official'], [area]);
    const home = await authorityWithOfficial(h.database.db, 'DE', 'home', ['official'], [area]);
    const host = await authorityWithOfficial(h.database.db, 'FR', 'host', ['official'], [area]);

    const app = await ok(
      api.post(applicantDesk.login, '/v1/cases', {
        procedure: 'epc-establishment',
        parties: { home: [home.authorityId], host: [host.authorityId] },
        answers: answersFor(form('epc-establishment', 'application')),
      }),
      201,
    );
    await ok(api.act(home.login, app.id, 'acknowledge'));
    const transmitted = await ok(api.act(home.login, app.id, 'transmit', { answers: answersFor(form('epc-establishment', 'verification')) }));
    const hostDue = Date.parse(transmitted.deadlines.find((d) => d.id === 'host-decision')!.due);
    await skipDays(1);
    const beforeDue = await ok(api.get(host.login, `/v1/cases/${app.id}`));
    await env.sleep(hostDue - (await env.currentTimeMs()) + 60_000);
    const deemed = await caseWhen(host.login, app.id, (v) => v.final, 'the deemed grant');
    const lateIssue = await api.act(host.login, app.id, 'issue');
    await recordHistory(h.temporal.client, `case-${app.id}`, 'epc-deemed-granted');

    expect(transmitted.status).toBe('host-assessment');
    // Month arithmetic itself (end-of-month clamping) is calendar.test.ts's subject.
    expect(hostDue).toBe(addMonths(Date.parse(transmitted.timeline.at(-1)!.at), 2));
    expect(beforeDue.availableActions.map((a) => a.id)).toEqual(expect.arrayContaining(['issue', 'refuse', 'extend']));
    expect(deemed).toMatchObject({ status: 'deemed-granted', final: true, flags: ['deemed-issued'] });
    expect(deemed.timeline.at(-1)).toMatchObject({
      action: 'host-decision-expired',
      label: `Deadline passed: ${catalog.procedures.get('epc-establishment')!.deadlines['host-decision'].label.en}`,
      actor: null,
      payload: { movedTo: 'deemed-granted' },
    });
    expectProblem(lateIssue, 409);
  });
});

describe('a case with stages', () => {
  it('when the SOLVIT lead centre accepts but has no solution after 10 weeks, then the case is flagged and escalated to its coordinator; a solution accepted later resolves it', async () => {
    const area = 'solvit';
    const homeCentre = await authorityWithOfficial(h.database.db, 'IE', 'solvit-home', ['official'], [area]);
    const lead = await authorityWithOfficial(h.database.db, 'ES', 'solvit-lead', ['official'], [area]);
    const coordinator = await authorityWithOfficial(h.database.db, 'ES', 'solvit-coordinator', ['official', 'coordinator'], [area]);
    await authorityWithOfficial(h.database.db, 'EU', 'commission', ['official'], [area]);

    const c = await ok(
      api.post(homeCentre.login, '/v1/cases', { procedure: 'solvit-case', parties: { 'lead-centre': [lead.authorityId] }, answers: answersFor(form('solvit-case', 'case')) }),
      201,
    );
    await skipDays(3);
    const accepted = await ok(api.act(lead.login, c.id, 'accept'));
    const coordinatorBefore = await api.get(coordinator.login, `/v1/cases/${c.id}`);
    await skipDays(10 * 7 + 1);
    const late = await caseWhen(lead.login, c.id, (v) => v.flags.includes('not-solved-in-time'), 'the 10-week flag');
    const coordinatorAfter = await ok(api.get(coordinator.login, `/v1/cases/${c.id}`));
    await ok(api.act(lead.login, c.id, 'propose-solution', { answers: answersFor(form('solvit-case', 'solution')) }));
    const resolved = await ok(api.act(homeCentre.login, c.id, 'accept-solution'));
    await recordHistory(h.temporal.client, `case-${c.id}`, 'solvit-escalated-then-resolved');

    expect(c.parties.commission).toHaveLength(1);
    expect(accepted.deadlines.map((d) => d.id)).toEqual(['solution']);
    expect(Date.parse(accepted.deadlines[0].due) - Date.parse(accepted.timeline.at(-1)!.at)).toBe(70 * DAY);
    expectProblem(coordinatorBefore, 403);
    expect(late.escalations).toMatchObject([{ role: 'lead-coordinator', country: 'ES' }]);
    expect(coordinatorAfter.yourRoles).toEqual(['lead-coordinator']);
    expect(resolved).toMatchObject({ status: 'resolved', final: true, flags: ['not-solved-in-time'] });
  });
});

describe('a notification', () => {
  it('when the Commission confirms a notified Annex V title, then it goes to the other countries, each of which acknowledges it', async () => {
    const area = 'professional-qualifications';
    const sender = await authorityWithOfficial(h.database.db, 'HR', 'notifier', ['official'], [area]);
    const commission = await authorityWithOfficial(h.database.db, 'EU', 'dg-grow', ['official'], [area]);
    const si = await authorityWithOfficial(h.database.db, 'SI', 'recipient', ['official'], [area]);

    const n = await ok(
      api.post(sender.login, '/v1/cases', { procedure: 'pq-annex-v-title-notification', answers: answersFor(form('pq-annex-v-title-notification', 'notification')) }),
      201,
    );
    const siBefore = await api.get(si.login, `/v1/cases/${n.id}`);
    const confirmed = await ok(api.act(commission.login, n.id, 'confirm', { recipientCountries: ['SI'] }));
    const acknowledged = await ok(api.act(si.login, n.id, 'acknowledge'));
    const closed = await ok(api.act(commission.login, n.id, 'close'));
    await recordHistory(h.temporal.client, `case-${n.id}`, 'notification-confirmed-sent-on');

    expect(n).toMatchObject({ status: 'under-assessment', parties: { commission: [{ authorityId: commission.authorityId }], recipients: [] } });
    expectProblem(siBefore, 403);
    expect(confirmed).toMatchObject({ status: 'confirmed', parties: { recipients: [{ authorityId: si.authorityId }] } });
    expect(acknowledged.yourRoles).toEqual(['recipients']);
    expect(closed).toMatchObject({ status: 'closed', final: true });
  });
});
