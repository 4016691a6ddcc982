/**
 * The format-2 interpreter's core: any procedure definition (policy-areas/language.ts) as a pure
 * state machine. No Temporal, no I/O, no clock: the workflow will feed it workflow time, and tests
 * drive it directly. workflows/interpreted-case.ts runs it as a workflow; format-1 cases (started
 * before format 2 existed) still run on case-machine.ts.
 */
import { addCalendarDays, addMonths, addWorkingDays, DAY_MS } from '../policy-areas/calendar.js';
import type { ActionV2, DeadlineV2, ProcedureV2 } from '../policy-areas/language.js';
import { isIsoDate, validateAnswers, type Answers, type Form } from '../policy-areas/types.js';
import { CaseError, checkRating, replyDeadline } from './case-machine.js';
import type { Actor, CaseEvent } from './contract.js';
import type { ActionInput, CaseRecord, DueTimer, InterpretedInput, InterpretedState, LapsedDeadline } from './interpreter-types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const today = (ms: number) => iso(ms).slice(0, 10);
const invalid = (message: string): never => {
  throw new CaseError('InvalidInput', message);
};

export type { ActionInput, CaseRecord, DueTimer, InterpretedInput, InterpretedState } from './interpreter-types.js';

export class Interpreter {
  readonly state: InterpretedState;
  readonly def: ProcedureV2;
  /** Deadline id → the due time its expiry or reminder already fired for, so each fires once per due. */
  private fired = new Map<string, number>();

  constructor(input: InterpretedInput, now: number) {
    const d = input.procedure;
    this.def = d;
    if (d.start.replyDate === 'required' && !input.replyBy) invalid('replyBy is required');
    if (input.replyBy !== undefined && !isIsoDate(input.replyBy)) invalid('replyBy must be a date (YYYY-MM-DD)');
    const initiator = input.parties[d.start.by]?.[0];
    if (!initiator) invalid(`the ${d.start.by} who starts the case is missing`);
    this.state = {
      caseId: input.caseId,
      procedureId: d.id,
      procedureVersion: d.version,
      status: d.start.state,
      parties: structuredCopy(input.parties),
      startedBy: input.startedBy.login,
      initiator: initiator!,
      message: input.message ?? null,
      answers: d.start.form ? { [d.start.form]: input.answers } : {},
      requestedReplyBy: input.replyBy ?? null,
      agreedReplyBy: input.replyBy ?? null,
      pendingReplyDate: null,
      happened: { start: iso(now) },
      flags: [],
      escalations: [],
      takenBy: {},
      ratings: null,
      seq: 0,
    };
  }

  started(actor: Actor): CaseEvent[] {
    const message = this.state.message ? { message: this.state.message } : {};
    return [this.event('start', actor, this.state.happened.start, { procedure: `${this.def.id}@${this.def.version}`, replyBy: this.state.requestedReplyBy, ...message })];
  }

  /** The state plus what the projection needs to list and supervise the case without the definition. */
  record(): CaseRecord {
    const deadlines: Record<string, string> = {};
    const lapsed: Record<string, LapsedDeadline> = {};
    for (const [id, t] of Object.entries(this.def.deadlines)) {
      const due = this.due(id);
      if (due === undefined) continue;
      if (this.fired.get(`${id}:expiry`) !== due) deadlines[id] = iso(due);
      else lapsed[id] = { due: iso(due), kind: lapseKind(t, this.def.start.state) };
    }
    return { ...structuredCopy(this.state), kind: this.def.kind, final: this.finished, deadlines, lapsed };
  }

  get finished(): boolean {
    return Boolean(this.def.states[this.state.status]?.final);
  }

  /** Whether the actor acts in one of the roles, as the case stands. */
  private actsAs(actor: Actor, roles: string[]): boolean {
    return roles.some((r) => {
      const role = this.def.roles[r];
      if (!role) return false;
      if (role.party === 'coordinator') {
        return actor.roles.includes('coordinator') && this.state.escalations.some((e) => e.role === r && e.country === actor.country);
      }
      return (this.state.parties[r] ?? []).some((p) => p.authorityId === actor.authorityId);
    });
  }

  check(actionId: string, actor: Actor, input: ActionInput, now: number): void {
    const a: ActionV2 | undefined = this.def.actions[actionId];
    if (!a) throw new CaseError('InvalidInput', `${this.def.id} has no action ${actionId}`);
    if (!this.actsAs(actor, a.by)) throw new CaseError('NotYourRole', `only the ${a.by.join(' or ')} may ${actionId}`);
    if (!a.from.includes(this.state.status)) throw new CaseError('NotAllowedInState', `cannot ${actionId} a case that is ${this.state.status}`);
    if (a.oncePerParty && (this.state.takenBy[actionId] ?? []).includes(actor.authorityId)) {
      throw new CaseError('NotAllowedInState', `your authority has already taken ${actionId}`);
    }
    if (a.message === 'required' && !input.message?.trim()) invalid('message is required');
    if (a.form) {
      const problems = validateAnswers(this.def.forms[a.form] as Form, input.answers ?? {}, { earlierAnswers: this.firstAnswers() });
      if (problems.length) invalid(problems.map((p) => `${p.path} ${p.message}`).join('; '));
    }
    const latest = now + 366 * DAY_MS;
    switch (a.effect) {
      case 'propose-reply-date':
        if (this.state.pendingReplyDate) throw new CaseError('NotAllowedInState', 'a proposed reply date is already waiting');
        futureDate(input.date, now, latest, 'date');
        break;
      case 'decide-reply-date':
        if (!this.state.pendingReplyDate) throw new CaseError('NotAllowedInState', 'no reply date has been proposed');
        if (typeof input.agree !== 'boolean') invalid('agree must be true or false');
        break;
      case 'set-reply-date':
        if (input.replyBy !== undefined) futureDate(input.replyBy, now, latest, 'replyBy');
        break;
      case 'forward': {
        const counterpart = this.counterpartRole();
        const current = this.state.parties[counterpart]?.[0];
        if (!input.toAuthorityId) invalid('toAuthorityId is required');
        if (input.toAuthorityId === current?.authorityId) invalid('the case is already with this authority');
        if (input.toCountry !== current?.country) invalid(`a case can only be forwarded to another authority of ${current?.country}`);
        break;
      }
      case 'add-recipients':
        this.recipientsRole();
        if (!input.recipients?.length) invalid('recipients are required');
        break;
      case 'rate':
        checkRating(input.timeliness, 'timeliness');
        checkRating(input.efforts, 'efforts');
        break;
    }
  }

  apply(actionId: string, actor: Actor, input: ActionInput, now: number): CaseEvent[] {
    this.check(actionId, actor, input, now);
    const a = this.def.actions[actionId];
    const s = this.state;
    const payload: Record<string, unknown> = {};
    if (input.message) payload.message = input.message;
    if (a.form) {
      s.answers[a.form] = input.answers ?? {};
      payload.answers = input.answers ?? {};
    }
    switch (a.effect) {
      case 'propose-reply-date':
        s.pendingReplyDate = { date: input.date!, proposedBy: actor.login, proposedAt: iso(now) };
        payload.date = input.date;
        break;
      case 'decide-reply-date':
        payload.date = s.pendingReplyDate!.date;
        payload.agree = input.agree;
        if (input.agree) this.setReplyDate(s.pendingReplyDate!.date, now);
        s.pendingReplyDate = null;
        break;
      case 'set-reply-date':
        if (input.replyBy) this.setReplyDate(input.replyBy, now);
        payload.replyBy = s.agreedReplyBy;
        break;
      case 'forward': {
        const role = this.counterpartRole();
        payload.from = s.parties[role][0].authorityId;
        payload.to = input.toAuthorityId;
        s.parties[role] = [{ authorityId: input.toAuthorityId!, country: input.toCountry!, ...(input.toLanguage ? { language: input.toLanguage } : {}) }];
        break;
      }
      case 'add-recipients': {
        const role = this.recipientsRole();
        const known = new Set((s.parties[role] ?? []).map((p) => p.authorityId));
        const added = input.recipients!.filter((p) => !known.has(p.authorityId));
        s.parties[role] = [...(s.parties[role] ?? []), ...added];
        payload.added = added.map((p) => p.authorityId);
        break;
      }
      case 'rate': {
        const rated = input.timeliness !== undefined || input.efforts !== undefined;
        s.ratings = rated ? { timeliness: input.timeliness ?? null, efforts: input.efforts ?? null } : null;
        payload.ratings = s.ratings;
        break;
      }
    }
    if (a.oncePerParty) s.takenBy[actionId] = [...(s.takenBy[actionId] ?? []), actor.authorityId];
    if (a.to) s.status = a.to;
    s.happened[actionId] = iso(now);
    return [this.event(actionId, actor, iso(now), payload)];
  }

  /** When a deadline falls due, or undefined when it is not running. */
  due(id: string): number | undefined {
    const t: DeadlineV2 = this.def.deadlines[id];
    if (!t.runsIn.includes(this.state.status)) return undefined;
    const from = this.state.happened[t.from];
    if (!from) return undefined;
    const start = Date.parse(from);
    const l = t.length;
    if ('calendarDays' in l) return addCalendarDays(start, l.calendarDays);
    if ('weeks' in l) return addCalendarDays(start, l.weeks * 7);
    if ('months' in l) return addMonths(start, l.months);
    if ('workingDays' in l) {
      const country = this.state.parties[l.holidaysOf]?.[0]?.country;
      return country ? addWorkingDays(start, l.workingDays, country) : undefined;
    }
    return this.state.agreedReplyBy ? replyDeadline(this.state.agreedReplyBy) : undefined;
  }

  /** The timers that matter now, earliest first. */
  timers(): DueTimer[] {
    const out: DueTimer[] = [];
    for (const [id, t] of Object.entries(this.def.deadlines)) {
      const due = this.due(id);
      if (due === undefined || this.fired.get(`${id}:expiry`) === due) continue;
      out.push({ deadline: id, kind: 'expiry', at: due });
      for (const r of t.reminders ?? []) {
        const at = due - r.daysBefore * DAY_MS;
        if (this.fired.get(`${id}:reminder:${r.daysBefore}`) !== due) out.push({ deadline: id, kind: 'reminder', at });
      }
    }
    return out.sort((a, b) => a.at - b.at || (a.kind === 'reminder' ? -1 : 1));
  }

  fireDue(now: number): CaseEvent[] {
    const events: CaseEvent[] = [];
    for (let t = this.timers()[0]; t && t.at <= now; t = this.timers()[0]) events.push(this.fire(t, now));
    return events;
  }

  private fire(timer: DueTimer, now: number): CaseEvent {
    const t = this.def.deadlines[timer.deadline];
    const due = this.due(timer.deadline)!;
    if (timer.kind === 'reminder') {
      const r = (t.reminders ?? []).find((x) => due - x.daysBefore * DAY_MS === timer.at)!;
      this.fired.set(`${timer.deadline}:reminder:${r.daysBefore}`, due);
      return this.event(`${timer.deadline}-reminder`, null, iso(now), { due: iso(due) });
    }
    this.fired.set(`${timer.deadline}:expiry`, due);
    const s = this.state;
    const e = t.onExpiry;
    const payload: Record<string, unknown> = { due: iso(due) };
    if (e.flag && !s.flags.includes(e.flag)) s.flags.push(e.flag);
    if (e.escalateTo) {
      const of = this.def.roles[e.escalateTo].of!;
      const countries = [...new Set((s.parties[of] ?? []).map((p) => p.country))];
      for (const country of countries) s.escalations.push({ role: e.escalateTo, country, at: iso(now) });
      payload.escalatedTo = { role: e.escalateTo, countries };
    }
    const anyTook = e.moveToIfAny && (s.takenBy[e.moveToIfAny.action]?.length ?? (s.happened[e.moveToIfAny.action] ? 1 : 0)) > 0;
    const to = anyTook ? e.moveToIfAny!.moveTo : e.moveTo;
    if (to) {
      s.status = to;
      payload.movedTo = to;
    }
    return this.event(`${timer.deadline}-expired`, null, iso(now), payload);
  }

  private setReplyDate(date: string, now: number): void {
    this.state.agreedReplyBy = date;
    // A reply date moved into the future lifts the flags its deadlines raised.
    if (now < replyDeadline(date)) {
      for (const [id, t] of Object.entries(this.def.deadlines)) {
        if (!('replyDate' in t.length)) continue;
        this.fired.delete(`${id}:expiry`);
        if (t.onExpiry.flag) this.state.flags = this.state.flags.filter((f) => f !== t.onExpiry.flag);
      }
    }
  }

  private counterpartRole(): string {
    const role = Object.entries(this.def.roles).find(([, r]) => r.party === 'counterpart')?.[0];
    if (!role) invalid(`${this.def.id} has no counterpart to forward`);
    return role!;
  }

  private recipientsRole(): string {
    const role = Object.entries(this.def.roles).find(([, r]) => r.party === 'recipients')?.[0];
    if (!role) invalid(`${this.def.id} has no recipients to add to`);
    return role!;
  }

  private firstAnswers(): Answers {
    return this.def.start.form ? (this.state.answers[this.def.start.form] ?? {}) : {};
  }

  private event(action: string, actor: Actor | null, at: string, payload: Record<string, unknown>): CaseEvent {
    this.state.seq += 1;
    return { seq: this.state.seq, action, actor: actor ? { login: actor.login, authorityId: actor.authorityId } : null, at, payload };
  }
}

/**
 * How supervisors read a lapsed deadline: the agreed reply date passed; the case was not taken up
 * (a deadline that runs only while the case waits in its first state: acceptance, acknowledgement);
 * or another deadline the legal act sets.
 */
function lapseKind(t: DeadlineV2, startState: string): LapsedDeadline['kind'] {
  if ('replyDate' in t.length) return 'reply-date';
  return t.runsIn.length === 1 && t.runsIn[0] === startState ? 'acceptance' : 'legal';
}

function futureDate(date: unknown, now: number, latest: number, field: string): void {
  if (!isIsoDate(date)) invalid(`${field} must be a date (YYYY-MM-DD)`);
  if ((date as string) <= today(now)) invalid(`${field} must be after today (${today(now)})`);
  if (Date.parse(`${date}T00:00:00Z`) > latest) invalid(`${field} must be within a year`);
}

/** The workflow sandbox has no structuredClone; parties are plain JSON. */
const structuredCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v));
