/**
 * One simulated case for the history generator: the real Interpreter (the pure core of every case
 * workflow) driven by simulated officials at simulated times. Deadlines fire at the instant they
 * fall due, as the workflow's timers would, so every event log is one a real workflow records.
 */
import { DAY_MS } from '../policy-areas/calendar.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { answersFor, type AnswerPicker } from '../policy-areas/sample-answers.js';
import type { Actor, CaseEvent, Party } from '../workflows/contract.js';
import { Interpreter, type ActionInput, type InterpretedInput } from '../workflows/interpreter.js';
import type { random } from './generate-directory.js';

export type Rnd = ReturnType<typeof random>;

/** Who may act for whom: the simulated directory behind a case. */
export interface Cast {
  /** An official of the authority (or, with `coordinatorOf`, a coordinator of that country). */
  official(authorityId: string): string;
  coordinatorOf(country: string): { login: string; authorityId: string } | undefined;
  /** Another authority of the country competent for the area, for a forward. */
  otherAuthority(country: string, area: string, not: string): Party | undefined;
  /** Authorities of other countries to add as recipients. */
  recipients(area: string, notCountries: string[], count: number): Party[];
}

/** Lognormal around a median: most values near it, a long tail of slow ones. */
export const lognormal = (rnd: Rnd, median: number, sigma: number) =>
  median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next()));

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The next office hour (07:00–16:00 UTC, Monday to Friday) at or after `ms`: officials act at work. */
export function officeHours(rnd: Rnd, ms: number): number {
  const d = new Date(ms);
  const hour = d.getUTCHours();
  if (hour >= 16) d.setUTCDate(d.getUTCDate() + 1);
  if (hour >= 16 || hour < 7) d.setUTCHours(7, Math.floor(rnd.next() * 240), Math.floor(rnd.next() * 60), 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

const MESSAGES = ['Please see the details in the form.', 'Thank you for your cooperation.', 'Further to our exchange, please find the information below.'];

export class Sim {
  readonly m: Interpreter;
  readonly events: CaseEvent[] = [];
  now: number;

  constructor(
    readonly def: ProcedureV2,
    input: InterpretedInput,
    start: number,
    readonly cast: Cast,
    readonly rnd: Rnd,
    readonly pick: AnswerPicker,
  ) {
    this.m = new Interpreter(input, start);
    this.now = start;
    this.events.push(...this.m.started(input.startedBy));
  }

  get status(): string {
    return this.m.state.status;
  }

  /** Lets time pass up to `t`: each deadline due meanwhile fires at its own instant, until the case ends. */
  advance(t: number): void {
    for (let next = this.m.timers()[0]; next && next.at <= t && !this.m.finished; next = this.m.timers()[0]) {
      this.now = Math.max(this.now, next.at);
      this.events.push(...this.m.fireDue(this.now));
    }
    this.now = Math.max(this.now, t);
  }

  /** Who acts in a role: the given party (default: the role's first), or the escalated country's coordinator. */
  actor(role: string, party?: Party): Actor | undefined {
    const r = this.def.roles[role];
    if (!r) return undefined;
    if (r.party === 'coordinator') {
      const country = this.m.state.escalations.find((e) => e.role === role)?.country;
      const c = country ? this.cast.coordinatorOf(country) : undefined;
      return c && { login: c.login, authorityId: c.authorityId, country: country!, roles: ['official', 'coordinator'] };
    }
    const p = party ?? this.m.state.parties[role]?.[0];
    return p && { login: this.cast.official(p.authorityId), authorityId: p.authorityId, country: p.country, roles: ['official'] };
  }

  /** The input an action needs besides what the caller gives: answers to its form, a message. */
  complete(action: string, input: ActionInput): ActionInput {
    const a = this.def.actions[action];
    const out = { ...input };
    if (a.form && !out.answers) {
      const first = this.def.start.form ? this.m.state.answers[this.def.start.form] : {};
      out.answers = answersFor(this.def.forms[a.form], first, this.pick);
    }
    if (!out.message && (a.message === 'required' || (a.message === 'optional' && this.rnd.next() < 0.3))) out.message = this.rnd.pick(MESSAGES);
    return out;
  }

  /** Takes the action at `t` (or now, if later) when the case allows it then; false, with nothing recorded, when not. */
  act(action: string, role: string, input: ActionInput, t: number, party?: Party): boolean {
    this.advance(t);
    const actor = this.actor(role, party);
    if (this.m.finished || !actor || !this.def.actions[action]) return false;
    const full = this.complete(action, input);
    try {
      this.m.check(action, actor, full, this.now);
    } catch {
      return false;
    }
    this.events.push(...this.m.apply(action, actor, full, this.now));
    return true;
  }

  /** The input of an action's built-in effect, as an official would give it at `at` (default now). */
  effectInput(action: string, at = this.now): ActionInput | undefined {
    const a = this.def.actions[action];
    if (!a) return undefined;
    const s = this.m.state;
    const days = (lo: number, hi: number) => isoDay(at + (lo + this.rnd.next() * (hi - lo)) * DAY_MS);
    switch (a.effect) {
      case 'propose-reply-date':
        return { date: days(14, 45) };
      case 'decide-reply-date':
        return { agree: this.rnd.next() < 0.8 };
      case 'set-reply-date':
        return { replyBy: days(14, 30) };
      case 'forward': {
        const role = Object.keys(this.def.roles).find((r) => this.def.roles[r].party === 'counterpart');
        const current = role ? s.parties[role]?.[0] : undefined;
        const to = current && this.cast.otherAuthority(current.country, this.def.area, current.authorityId);
        return to && { toAuthorityId: to.authorityId, toCountry: to.country, toLanguage: to.language };
      }
      case 'add-recipients': {
        const inCase = [...new Set(Object.values(s.parties).flat().map((p) => p.country))];
        const recipients = this.cast.recipients(this.def.area, inCase, this.def.kind === 'alert' ? 29 : 1 + Math.floor(this.rnd.next() * 4));
        return recipients.length ? { recipients } : undefined;
      }
      default:
        return {};
    }
  }

  /** The deadline that would move the case on, and where to, if any runs now. */
  movingTimer(): { at: number; to: string } | undefined {
    let best: { at: number; to: string } | undefined;
    for (const [id, t] of Object.entries(this.def.deadlines)) {
      const e = t.onExpiry;
      const at = this.m.due(id);
      if (at === undefined || (!e.moveTo && !e.moveToIfAny)) continue;
      const took = e.moveToIfAny && (this.m.state.takenBy[e.moveToIfAny.action]?.length || this.m.state.happened[e.moveToIfAny.action]);
      const to = took ? e.moveToIfAny!.moveTo : (e.moveTo ?? this.status);
      if (to !== this.status && (!best || at < best.at)) best = { at, to };
    }
    return best;
  }
}
