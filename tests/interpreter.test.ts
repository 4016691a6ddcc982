/**
 * The format-2 interpreter's state machine, driven directly with the shipped definitions. Time is
 * an input here (the machine has no clock); the durable timers around it are Temporal's.
 */
import { describe, expect, it } from 'vitest';
import { readPolicyAreas } from '../policy-areas/catalog.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Actor } from '../workflows/contract.js';
import { Interpreter } from '../workflows/interpreter.js';
import { addMonths } from '../policy-areas/calendar.js';
import { answersFor } from './support/conformance-driver.js';

const DAY = 86_400_000;
const { files } = await readPolicyAreas();
const byCode = new Map(files.filter((f) => f.data.format === 2).map((f) => [f.data.code as string, f.data as unknown as ProcedureV2]));

const actor = (login: string, authorityId: string, country: string, roles: Actor['roles'] = ['official']): Actor => ({ login, authorityId, country, roles });
const host = actor('anna', 'DE-A', 'DE');
const home = actor('claire', 'FR-A', 'FR');
const homeOther = actor('louis', 'FR-B', 'FR');
const homeCoordinator = actor('sophie', 'FR-C', 'FR', ['official', 'coordinator']);
const T0 = Date.parse('2026-03-02T09:00:00Z'); // a Monday
const date = (days: number) => new Date(T0 + days * DAY).toISOString().slice(0, 10);

function pqCase(replyBy = date(30)) {
  const m = new Interpreter(
    {
      caseId: 'c1',
      procedure: byCode.get('PQ-IR')!,
      parties: { requester: [{ authorityId: 'DE-A', country: 'DE' }], responder: [{ authorityId: 'FR-A', country: 'FR' }] },
      startedBy: host,
      answers: { 'professional-name': 'M', 'date-of-birth': '1985-04-12', profession: 'midwife', 'qualification-title': 'X', 'questions-asked': ['authenticity'] },
      replyBy,
    },
    T0,
  );
  m.started(host);
  return m;
}

describe('the interpreter on the PQ information request', () => {
  it('when the sides go through the procedure, then states, dates and ratings follow the definition', () => {
    const m = pqCase();

    m.apply('accept', home, {}, T0 + DAY);
    m.apply('propose-reply-date', home, { date: date(40) }, T0 + 2 * DAY);
    m.apply('decide-reply-date', host, { agree: true }, T0 + 3 * DAY);
    m.apply('reply', home, { answers: { 'qualification-authentic': true } }, T0 + 4 * DAY);
    const [closed] = m.apply('close', host, { timeliness: 5, efforts: 4 }, T0 + 5 * DAY);

    expect(m.state).toMatchObject({ status: 'closed', agreedReplyBy: date(40), ratings: { timeliness: 5, efforts: 4 }, flags: [], seq: 6 });
    expect(closed).toMatchObject({ seq: 6, action: 'close', actor: { login: 'anna' } });
    expect(m.finished).toBe(false);
  });

  it('when nobody accepts for 7 days, then a reminder comes on day 5, and on day 7 the flag and the escalation that lets the coordinator forward', () => {
    const m = pqCase();

    const before = m.fireDue(T0 + 7 * DAY - 1);
    const refused = () => m.check('forward', homeCoordinator, { toAuthorityId: 'FR-B', toCountry: 'FR' }, T0 + 7 * DAY - 1);
    expect(refused).toThrow(/only the responder or coordinator/);
    const lapsed = m.fireDue(T0 + 7 * DAY);
    m.apply('forward', homeCoordinator, { toAuthorityId: 'FR-B', toCountry: 'FR' }, T0 + 8 * DAY);
    m.apply('accept', homeOther, {}, T0 + 9 * DAY);

    expect(before.map((e) => [e.action, e.at])).toEqual([['acceptance-reminder', new Date(T0 + 7 * DAY - 1).toISOString()]]);
    expect(lapsed).toMatchObject([{ action: 'acceptance-expired', actor: null, payload: { escalatedTo: { role: 'coordinator', countries: ['FR'] } } }]);
    expect(m.state).toMatchObject({ status: 'accepted', flags: ['not-accepted-in-time'], parties: { responder: [{ authorityId: 'FR-B' }] } });
  });

  it('when the agreed date passes, then the case is flagged overdue; agreeing a later date lifts the flag and re-arms the deadline', () => {
    const m = pqCase(date(10));
    m.apply('accept', home, {}, T0 + DAY);

    const overdue = m.fireDue(T0 + 11 * DAY + 1);
    m.apply('propose-reply-date', home, { date: date(20) }, T0 + 12 * DAY);
    m.apply('decide-reply-date', host, { agree: true }, T0 + 12 * DAY);
    const flagsAfterAgreement = [...m.state.flags];
    const again = m.fireDue(T0 + 21 * DAY + 1);

    expect(overdue.map((e) => e.action)).toEqual(['reply-reminder', 'reply-expired']);
    expect(flagsAfterAgreement).toEqual([]);
    expect(again.map((e) => e.action)).toEqual(['reply-reminder', 'reply-expired']);
    expect(m.state.flags).toEqual(['overdue']);
  });

  it('when a closed case is not reopened within 183 days, then it is archived and ends', () => {
    const m = pqCase();
    m.apply('accept', home, {}, T0 + DAY);
    m.apply('reply', home, { answers: { 'qualification-authentic': false } }, T0 + 2 * DAY);
    m.apply('close', host, {}, T0 + 3 * DAY);

    expect(m.fireDue(T0 + 3 * DAY + 183 * DAY - 1)).toEqual([]);
    expect(m.fireDue(T0 + 3 * DAY + 183 * DAY).map((e) => e.action)).toEqual(['reopen-window-expired']);
    expect(m.state.status).toBe('archived');
    expect(m.finished).toBe(true);
  });

  it.each<[string, () => void, RegExp]>([
    ['the requester accepts', () => pqCase().check('accept', host, {}, T0), /only the responder/],
    ['the reply comes before acceptance', () => pqCase().check('reply', home, { answers: {} }, T0), /cannot reply a case that is submitted/],
    [
      'the reply leaves out an asked question',
      () => {
        const m = pqCase();
        m.apply('accept', home, {}, T0);
        m.check('reply', home, { answers: {} }, T0);
      },
      /qualification-authentic is required/,
    ],
    ['a forward crosses the border', () => pqCase().check('forward', home, { toAuthorityId: 'IT-A', toCountry: 'IT' }, T0), /another authority of FR/],
    ['a reply date in the past is proposed', () => pqCase().check('propose-reply-date', home, { date: date(-1) }, T0), /after today/],
  ])('when %s, then the action is refused', (_what, act, message) => {
    expect(act).toThrow(message);
  });
});

describe('the interpreter on other kinds of procedure', () => {
  it('when the host authority lets its two months pass on a European Professional Card, then the card is deemed granted and the case ends', () => {
    const def = byCode.get('PQ-EPC-EST')!;
    const applicant = actor('maria', 'APPLICANT', 'PT');
    const homeCa = actor('joao', 'PT-OE', 'PT');
    const m = new Interpreter(
      {
        caseId: 'epc',
        procedure: def,
        parties: {
          applicant: [{ authorityId: 'APPLICANT', country: 'PT' }],
          home: [{ authorityId: 'PT-OE', country: 'PT' }],
          host: [{ authorityId: 'DE-A', country: 'DE' }],
        },
        startedBy: applicant,
        answers: answersFor(def.forms[def.start.form!]),
      },
      T0,
    );
    m.apply('acknowledge', homeCa, {}, T0 + 2 * DAY);
    m.apply('transmit', homeCa, { answers: answersFor(def.forms.verification) }, T0 + 20 * DAY);

    const justBefore = m.fireDue(addMonths(T0 + 20 * DAY, 2) - 1);
    const statusJustBefore = m.state.status;
    const expired = m.fireDue(addMonths(T0 + 20 * DAY, 2));

    expect(justBefore.map((e) => e.action)).toEqual(['host-decision-reminder']);
    expect(statusJustBefore).toBe('host-assessment');
    expect(expired).toMatchObject([{ action: 'host-decision-expired', payload: { movedTo: 'deemed-granted' } }]);
    expect(m.state).toMatchObject({ status: 'deemed-granted', flags: ['deemed-issued'] });
    expect(m.finished).toBe(true);
  });
});

describe('the interpreter on a GDPR draft decision (art. 60)', () => {
  const def = () => byCode.get('GDPR-60-DD')!;
  const lead = actor('lsa', 'IE-DPC', 'IE');
  const csaFr = actor('cnil', 'FR-CNIL', 'FR');
  const csaDe = actor('bfdi', 'DE-BFDI', 'DE');
  const draftCase = () =>
    new Interpreter(
      {
        caseId: 'dd',
        procedure: def(),
        parties: {
          lead: [{ authorityId: 'IE-DPC', country: 'IE' }],
          concerned: [
            { authorityId: 'FR-CNIL', country: 'FR' },
            { authorityId: 'DE-BFDI', country: 'DE' },
          ],
        },
        startedBy: lead,
        answers: answersFor(def().forms[def().start.form!]),
      },
      T0,
    );

  it('when no concerned authority objects within 4 weeks, then silence is agreement', () => {
    const m = draftCase();
    m.apply('agree', csaFr, {}, T0 + DAY);

    expect(m.fireDue(T0 + 28 * DAY - 1).map((e) => e.action)).not.toContain('objection-period-expired');
    expect(m.state.status).toBe('consultation');
    m.fireDue(T0 + 28 * DAY);
    expect(m.state.status).toBe('agreed');
  });

  it('when one concerned authority objects in time, then the window still runs its 4 weeks and ends with objections raised; each authority objects once', () => {
    const m = draftCase();
    const objection = { message: 'Relevant and reasoned objection: the fine is too low.', answers: answersFor(def().forms[def().actions.object.form!]) };
    m.apply('object', csaDe, objection, T0 + 3 * DAY);

    // Checked while the window is open: afterwards every objection is refused anyway.
    expect(() => m.check('object', csaDe, objection, T0 + 4 * DAY)).toThrow(/already taken object/);
    expect(() => m.check('object', lead, objection, T0 + 4 * DAY)).toThrow(/only the concerned/);
    m.fireDue(T0 + 28 * DAY);
    m.apply('refer-to-board', lead, { message: 'The objection is not followed; referred under art. 65(1)(a).' }, T0 + 30 * DAY);

    expect(m.state).toMatchObject({ status: 'referred-to-board', takenBy: { object: ['DE-BFDI'] } });
  });
});

describe('the interpreter on an alert', () => {
  it('when recipients acknowledge, then each may do so once, and the sender can update and withdraw the alert', () => {
    const def = byCode.get('PQ-ALERT-RESTR')!;
    const recipientsRole = Object.entries(def.roles).find(([, r]) => r.party === 'recipients')![0];
    const ack = Object.entries(def.actions).find(([, a]) => a.by.includes(recipientsRole) && a.oncePerParty)![0];
    const sender = actor('sender', 'DE-A', 'DE');
    const m = new Interpreter(
      {
        caseId: 'alert',
        procedure: def,
        parties: { [def.start.by]: [{ authorityId: 'DE-A', country: 'DE' }], [recipientsRole]: [{ authorityId: 'FR-A', country: 'FR' }, { authorityId: 'IT-A', country: 'IT' }] },
        startedBy: sender,
        answers: answersFor(def.forms[def.start.form!]),
      },
      T0,
    );

    m.apply(ack, home, {}, T0 + DAY);
    expect(() => m.check(ack, home, {}, T0 + DAY)).toThrow(/already taken/);
    m.apply(ack, actor('it', 'IT-A', 'IT'), {}, T0 + DAY);
    const updateForm = def.actions.update.form;
    m.apply('update', sender, { message: 'The restriction now also covers temporary services.', answers: updateForm ? answersFor(def.forms[updateForm]) : undefined }, T0 + 2 * DAY);
    const withdrawForm = def.actions.withdraw.form;
    m.apply('withdraw', sender, { message: 'The restriction was lifted by the court.', answers: withdrawForm ? answersFor(def.forms[withdrawForm]) : undefined }, T0 + 3 * DAY);

    expect(m.state.takenBy[ack]).toEqual(['FR-A', 'IT-A']);
    expect(m.finished).toBe(true);
  });
});
