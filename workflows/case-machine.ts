/**
 * The request-and-reply case as a pure state machine: no Temporal, no I/O, no clock of its own.
 * The workflow feeds it the workflow time; tests can drive it directly.
 */
import { isIsoDate, validateAnswers } from '../policy-areas/types.js';
import type {
  ActionPayloads,
  ActionRequest,
  Actor,
  CaseAction,
  CaseErrorType,
  CaseEvent,
  CaseInput,
  CaseSnapshot,
  CaseStatus,
} from './contract.js';

const DAY = 24 * 60 * 60 * 1000;

/** A refused action; the workflow turns it into an ApplicationFailure of the same type. */
export class CaseError extends Error {
  constructor(
    readonly type: CaseErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'CaseError';
  }
}

type TimerKind = 'acceptance-reminder' | 'acceptance-window-lapsed' | 'reply-reminder' | 'reply-overdue' | 'reopen-window-ended';
export interface DueTimer {
  kind: TimerKind;
  at: number;
}

const OPEN_BEFORE_REPLY: CaseStatus[] = ['submitted', 'accepted', 'information-requested'];

/** A reply date is met if the reply comes on that calendar day (UTC) at the latest. */
export const replyDeadline = (date: string): number => Date.parse(`${date}T00:00:00Z`) + DAY;
const iso = (ms: number): string => new Date(ms).toISOString();
const today = (ms: number): string => iso(ms).slice(0, 10);

type Rule<A extends CaseAction> = {
  /** Who may act, given the case as it is. Returns a reason when the actor may not. */
  who: (m: CaseMachine, actor: Actor) => string | undefined;
  states: CaseStatus[];
  check?: (m: CaseMachine, input: ActionPayloads[A], now: number) => void;
  apply: (m: CaseMachine, input: ActionPayloads[A], now: number, actor: Actor) => Record<string, unknown>;
};

const requesterOnly = (m: CaseMachine, a: Actor) =>
  a.authorityId === m.state.requester.authorityId ? undefined : 'only the requesting authority may do this';
const responderOnly = (m: CaseMachine, a: Actor) =>
  a.authorityId === m.state.responder.authorityId ? undefined : 'only the responding authority may do this';

function invalid(message: string): never {
  throw new CaseError('InvalidInput', message);
}

function checkFutureDate(date: unknown, now: number, latest: number, field: string): void {
  if (!isIsoDate(date)) invalid(`${field} must be a date (YYYY-MM-DD)`);
  if (date <= today(now)) invalid(`${field} must be after today (${today(now)})`);
  if (Date.parse(`${date}T00:00:00Z`) > latest) invalid(`${field} must be on or before ${today(latest)}`);
}

/** A closing-survey rating: absent, or a whole number from 1 to 5. */
export function checkRating(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 5) {
    invalid(`${field} must be a whole number from 1 to 5`);
  }
}

const RULES: { [A in CaseAction]: Rule<A> } = {
  accept: {
    who: responderOnly,
    states: ['submitted'],
    apply: (m, _input, now) => {
      m.state.status = 'accepted';
      m.state.acceptedAt = iso(now);
      return { agreedReplyBy: m.state.agreedReplyBy, withinWindow: now <= Date.parse(m.state.acceptBy) };
    },
  },
  forward: {
    // After the acceptance week lapses, the responding country's coordinator may forward too.
    who: (m, a) => {
      if (a.authorityId === m.state.responder.authorityId) return undefined;
      const coordinator = a.roles.includes('coordinator') && a.country === m.state.escalatedToCountry;
      return coordinator ? undefined : 'only the responding authority, or its coordinator after escalation, may forward';
    },
    states: ['submitted'],
    check: (m, input) => {
      if (typeof input.toAuthorityId !== 'string' || !input.toAuthorityId) invalid('toAuthorityId is required');
      if (input.toAuthorityId === m.state.responder.authorityId) invalid('the case is already with this authority');
      if (input.toCountry !== m.state.responder.country) {
        invalid(`a case can only be forwarded to another authority of ${m.state.responder.country}`);
      }
    },
    apply: (m, input) => {
      const from = m.state.responder.authorityId;
      m.state.responder = { authorityId: input.toAuthorityId, country: input.toCountry };
      return { from, to: input.toAuthorityId, reason: input.reason ?? null };
    },
  },
  'propose-reply-date': {
    who: responderOnly,
    states: OPEN_BEFORE_REPLY,
    check: (m, input, now) => {
      if (m.state.pendingReplyDate) {
        throw new CaseError('NotAllowedInState', 'a proposed reply date is already waiting for the requester');
      }
      checkFutureDate(input.date, now, m.latestReplyDate(), 'date');
      if (input.date === m.state.agreedReplyBy) invalid(`the reply date is already ${input.date}`);
    },
    apply: (m, input, now, actor) => {
      m.state.pendingReplyDate = { date: input.date, proposedAt: iso(now), proposedBy: actor.login, reason: input.reason };
      return { date: input.date, reason: input.reason ?? null };
    },
  },
  'decide-reply-date': {
    who: requesterOnly,
    states: OPEN_BEFORE_REPLY,
    check: (m, input) => {
      if (!m.state.pendingReplyDate) throw new CaseError('NotAllowedInState', 'no reply date has been proposed');
      if (typeof input.agree !== 'boolean') invalid('agree must be true or false');
    },
    apply: (m, input, now) => {
      const proposed = m.state.pendingReplyDate!.date;
      m.state.pendingReplyDate = null;
      if (input.agree) m.setAgreedReplyBy(proposed, now);
      return { date: proposed, agree: input.agree, comment: input.comment ?? null };
    },
  },
  'request-information': {
    who: responderOnly,
    states: ['accepted'],
    check: (_m, input) => {
      if (typeof input.message !== 'string' || !input.message.trim()) invalid('message is required');
    },
    apply: (m, input) => {
      m.state.status = 'information-requested';
      return { message: input.message };
    },
  },
  'provide-information': {
    who: requesterOnly,
    states: ['information-requested'],
    check: (_m, input) => {
      if (typeof input.message !== 'string' || !input.message.trim()) invalid('message is required');
    },
    apply: (m, input) => {
      m.state.status = 'accepted';
      return { message: input.message };
    },
  },
  reply: {
    who: responderOnly,
    states: ['accepted'],
    check: (m, input) => {
      const problems = validateAnswers(m.procedure.reply, input.answers ?? {}, { earlierAnswers: m.state.answers });
      if (problems.length) invalid(problems.map((p) => `${p.path} ${p.message}`).join('; '));
    },
    apply: (m, input, now) => {
      m.state.status = 'replied';
      m.state.repliedAt ??= iso(now);
      const onTime = now < replyDeadline(m.state.agreedReplyBy);
      return { answers: input.answers, message: input.message ?? null, agreedReplyBy: m.state.agreedReplyBy, onTime };
    },
  },
  close: {
    who: requesterOnly,
    states: ['replied'],
    check: (_m, input) => {
      checkRating(input.timeliness, 'timeliness');
      checkRating(input.efforts, 'efforts');
    },
    apply: (m, input, now) => {
      m.state.status = 'closed';
      m.state.closedAt = iso(now);
      m.state.reopenUntil = iso(now + m.procedure.deadlines.reopenWindowDays * DAY);
      const rated = input.timeliness !== undefined || input.efforts !== undefined;
      m.state.ratings = rated ? { timeliness: input.timeliness ?? null, efforts: input.efforts ?? null } : null;
      return { ratings: m.state.ratings, reopenUntil: m.state.reopenUntil };
    },
  },
  reopen: {
    who: requesterOnly,
    states: ['replied', 'closed'],
    check: (m, input, now) => {
      if (typeof input.message !== 'string' || !input.message.trim()) invalid('message (the follow-up question) is required');
      if (input.replyBy !== undefined) checkFutureDate(input.replyBy, now, now + m.procedure.deadlines.maxReplyDays * DAY, 'replyBy');
    },
    apply: (m, input, now) => {
      m.state.status = 'accepted';
      m.state.closedAt = null;
      m.state.reopenUntil = null;
      if (input.replyBy) m.setAgreedReplyBy(input.replyBy, now);
      return { message: input.message, agreedReplyBy: m.state.agreedReplyBy };
    },
  },
  withdraw: {
    who: requesterOnly,
    states: OPEN_BEFORE_REPLY,
    apply: (m, input, now) => {
      m.state.status = 'withdrawn';
      m.state.withdrawnAt = iso(now);
      m.state.pendingReplyDate = null;
      return { reason: input.reason ?? null };
    },
  },
};

export class CaseMachine {
  readonly state: CaseSnapshot;
  readonly procedure: CaseInput['procedure'];
  private acceptanceReminded = false;
  private replyRemindedFor: string | null = null;
  private windowEnded = false;

  constructor(input: CaseInput, now: number) {
    this.procedure = input.procedure;
    const { deadlines } = input.procedure;
    this.state = {
      caseId: input.caseId,
      procedureId: input.procedure.id,
      procedureVersion: input.procedure.version,
      status: 'submitted',
      requester: { ...input.requester },
      responder: { ...input.responder },
      submittedBy: input.submittedBy.login,
      answers: input.answers,
      message: input.message ?? null,
      requestHash: input.requestHash,
      requestedReplyBy: input.replyBy,
      agreedReplyBy: input.replyBy,
      pendingReplyDate: null,
      submittedAt: iso(now),
      acceptBy: iso(now + deadlines.acceptanceDays * DAY),
      acceptedAt: null,
      notAcceptedInTime: false,
      escalatedToCountry: null,
      escalatedAt: null,
      overdue: false,
      overdueSince: null,
      repliedAt: null,
      closedAt: null,
      withdrawnAt: null,
      reopenUntil: null,
      ratings: null,
      seq: 0,
    };
  }

  /** The first event of every case. */
  submitted(actor: Actor): CaseEvent[] {
    const s = this.state;
    return [
      this.event('submitted', actor, s.submittedAt, {
        procedure: `${s.procedureId}@${s.procedureVersion}`,
        responder: s.responder,
        replyBy: s.requestedReplyBy,
        acceptBy: s.acceptBy,
      }),
    ];
  }

  /** Throws a CaseError when the action is not allowed now; changes nothing. */
  check<A extends CaseAction>(action: A, req: ActionRequest<A>, now: number): void {
    const rule = RULES[action] as Rule<A> | undefined;
    if (!rule) throw new CaseError('InvalidInput', `unknown action ${action}`);
    const refusal = rule.who(this, req.actor);
    if (refusal) throw new CaseError('NotYourRole', refusal);
    if (!rule.states.includes(this.state.status)) {
      throw new CaseError('NotAllowedInState', `cannot ${action} a case that is ${this.state.status}`);
    }
    if (typeof req.input !== 'object' || req.input === null) invalid('the action needs an input object');
    rule.check?.(this, req.input, now);
  }

  apply<A extends CaseAction>(action: A, req: ActionRequest<A>, now: number): CaseEvent[] {
    this.check(action, req, now);
    const payload = (RULES[action] as Rule<A>).apply(this, req.input, now, req.actor);
    return [this.event(action, req.actor, iso(now), payload)];
  }

  get finished(): boolean {
    return this.state.status === 'withdrawn' || this.windowEnded;
  }

  latestReplyDate(): number {
    return Date.parse(this.state.submittedAt) + this.procedure.deadlines.maxReplyDays * DAY;
  }

  setAgreedReplyBy(date: string, now: number): void {
    this.state.agreedReplyBy = date;
    if (now < replyDeadline(date)) {
      this.state.overdue = false;
      this.state.overdueSince = null;
    }
  }

  /** The timers that matter in the current state, earliest first. */
  timers(): DueTimer[] {
    const s = this.state;
    const d = this.procedure.deadlines;
    const out: DueTimer[] = [];
    if (s.status === 'submitted' && !s.notAcceptedInTime) {
      const acceptBy = Date.parse(s.acceptBy);
      if (!this.acceptanceReminded) out.push({ kind: 'acceptance-reminder', at: acceptBy - d.acceptanceReminderDaysBefore * DAY });
      out.push({ kind: 'acceptance-window-lapsed', at: acceptBy });
    }
    if (OPEN_BEFORE_REPLY.includes(s.status) && !s.overdue) {
      const due = replyDeadline(s.agreedReplyBy);
      if (s.status !== 'submitted' && this.replyRemindedFor !== s.agreedReplyBy) {
        out.push({ kind: 'reply-reminder', at: due - d.replyReminderDaysBefore * DAY });
      }
      out.push({ kind: 'reply-overdue', at: due });
    }
    if (s.status === 'closed' && s.reopenUntil) out.push({ kind: 'reopen-window-ended', at: Date.parse(s.reopenUntil) });
    return out.sort((a, b) => a.at - b.at);
  }

  /** Fires every timer due at `now`, in order, and returns the events they produce. */
  fireDue(now: number): CaseEvent[] {
    const events: CaseEvent[] = [];
    for (let timer = this.timers()[0]; timer && timer.at <= now; timer = this.timers()[0]) {
      events.push(this.fire(timer, now));
    }
    return events;
  }

  private fire(timer: DueTimer, now: number): CaseEvent {
    const s = this.state;
    const at = iso(now);
    switch (timer.kind) {
      case 'acceptance-reminder':
        this.acceptanceReminded = true;
        return this.event(timer.kind, null, at, { to: s.responder.authorityId, acceptBy: s.acceptBy });
      case 'acceptance-window-lapsed':
        // The flag stays even if the case is accepted later: the scoreboard counts it.
        s.notAcceptedInTime = true;
        s.escalatedToCountry = s.responder.country;
        s.escalatedAt = at;
        return this.event(timer.kind, null, at, { acceptBy: s.acceptBy, escalatedToCountry: s.responder.country });
      case 'reply-reminder':
        this.replyRemindedFor = s.agreedReplyBy;
        return this.event(timer.kind, null, at, { to: s.responder.authorityId, replyBy: s.agreedReplyBy });
      case 'reply-overdue':
        s.overdue = true;
        s.overdueSince = at;
        return this.event(timer.kind, null, at, { replyBy: s.agreedReplyBy });
      case 'reopen-window-ended':
        this.windowEnded = true;
        return this.event(timer.kind, null, at, { closedAt: s.closedAt });
    }
  }

  private event(action: string, actor: Actor | null, at: string, payload: Record<string, unknown>): CaseEvent {
    this.state.seq += 1;
    return {
      seq: this.state.seq,
      action,
      actor: actor ? { login: actor.login, authorityId: actor.authorityId } : null,
      at,
      payload,
    };
  }
}
