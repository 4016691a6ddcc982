/**
 * The contract between the API, the worker and the case workflows: task queue, workflow ids,
 * message definitions and payload types. It imports neither `api/` nor `activities/`.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Answers, ProcedureDefinition } from '../policy-areas/types.js';
import type { ActionInput, CaseRecord, InterpretedInput } from './interpreter.js';

export const DEFAULT_TASK_QUEUE = 'liaison-cases';

/** Workflow ids carry the business id, so a case can be found in Temporal's UI by its number. */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'information-requested',
  'replied',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ROLES = ['official', 'coordinator', 'policy-owner', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Who performs an action: resolved by the API from the caller's token and the authority directory. */
export interface Actor {
  login: string;
  authorityId: string;
  country: string;
  roles: Role[];
  /** The language the official writes in, for machine translation of their free text. */
  language?: string;
}

export interface Party {
  authorityId: string;
  country: string;
  /** The language the authority reads (its first own language): free text is translated into it. */
  language?: string;
}

export interface CaseInput {
  caseId: string;
  /** The definition as it was when the case started: later versions never change a running case. */
  procedure: ProcedureDefinition;
  requester: Party;
  responder: Party;
  submittedBy: Actor;
  answers: Answers;
  message?: string;
  /** The reply date the requester asks for (YYYY-MM-DD). */
  replyBy: string;
  /** Hash of the creating request, so a reused Idempotency-Key with another body can be told apart. */
  requestHash: string;
  /** Whether the server has Liaison's search attributes registered (the time-skipping test server has none). */
  searchAttributes: boolean;
}

export interface PendingReplyDate {
  date: string;
  proposedAt: string;
  proposedBy: string;
  reason?: string;
}

/** Everything the workflow knows about a case, as written to PostgreSQL after every transition. */
export interface CaseSnapshot {
  caseId: string;
  procedureId: string;
  procedureVersion: number;
  status: CaseStatus;
  requester: Party;
  responder: Party;
  submittedBy: string;
  answers: Answers;
  message: string | null;
  requestHash: string;
  requestedReplyBy: string;
  agreedReplyBy: string;
  pendingReplyDate: PendingReplyDate | null;
  submittedAt: string;
  acceptBy: string;
  acceptedAt: string | null;
  notAcceptedInTime: boolean;
  escalatedToCountry: string | null;
  escalatedAt: string | null;
  overdue: boolean;
  overdueSince: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  reopenUntil: string | null;
  ratings: { timeliness: number | null; efforts: number | null } | null;
  /** Number of the last event; the database keeps only the newest snapshot. */
  seq: number;
}

/** One line of the append-only case log. `actor` is null for what the system does (timers). */
export interface CaseEvent {
  seq: number;
  action: string;
  actor: { login: string; authorityId: string } | null;
  at: string;
  payload: Record<string, unknown>;
}

export interface ActionPayloads {
  accept: Record<string, never>;
  forward: { toAuthorityId: string; toCountry: string; reason?: string };
  'propose-reply-date': { date: string; reason?: string };
  'decide-reply-date': { agree: boolean; comment?: string };
  'request-information': { message: string };
  'provide-information': { message: string };
  reply: { answers: Answers; message?: string };
  close: { timeliness?: number; efforts?: number };
  reopen: { message: string; replyBy?: string };
  withdraw: { reason?: string };
}
export type CaseAction = keyof ActionPayloads;

export const CASE_ACTIONS = [
  'accept',
  'forward',
  'propose-reply-date',
  'decide-reply-date',
  'request-information',
  'provide-information',
  'reply',
  'close',
  'reopen',
  'withdraw',
] as const satisfies readonly CaseAction[];

export interface ActionRequest<A extends CaseAction = CaseAction> {
  actor: Actor;
  input: ActionPayloads[A];
}

/** Failure types the workflow raises; the API maps each to one HTTP status. */
export const CaseErrorType = {
  NotAllowedInState: 'NotAllowedInState',
  NotYourRole: 'NotYourRole',
  InvalidInput: 'InvalidInput',
  UnknownProcedure: 'UnknownProcedure',
} as const;
export type CaseErrorType = (typeof CaseErrorType)[keyof typeof CaseErrorType];

/** One update per action, named like the action, so Temporal's UI shows what each official did. */
export const actionUpdates: { [A in CaseAction]: ReturnType<typeof defineUpdate<CaseSnapshot, [ActionRequest<A>]>> } =
  Object.fromEntries(CASE_ACTIONS.map((a) => [a, defineUpdate(a)])) as never;

/** Completes once the case's first record is in PostgreSQL; used with update-with-start. */
export const openedUpdate = defineUpdate<CaseSnapshot>('opened');
export const snapshotQuery = defineQuery<CaseSnapshot>('snapshot');

export interface CaseOutcome {
  status: CaseStatus;
  seq: number;
}

export const searchAttributes = {
  procedure: defineSearchAttributeKey('LiaisonProcedure', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('LiaisonStatus', SearchAttributeType.KEYWORD),
  countries: defineSearchAttributeKey('LiaisonCountries', SearchAttributeType.KEYWORD_LIST),
  replyBy: defineSearchAttributeKey('LiaisonReplyBy', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('LiaisonOverdue', SearchAttributeType.BOOL),
};

/** Input of a format-2 case: the interpreter's input plus what the API derived from the request. */
export interface InterpretedCaseInput extends InterpretedInput {
  requestHash: string;
  searchAttributes: boolean;
}

/**
 * The body of every format-2 action update. One update per action id of the definition, named
 * like the action, so Temporal's UI shows what each official did.
 */
export interface InterpretedActionRequest {
  actor: Actor;
  input: ActionInput;
}

const interpretedUpdates = new Map<string, ReturnType<typeof defineUpdate<CaseRecord, [InterpretedActionRequest]>>>();
export function interpretedActionUpdate(action: string) {
  let def = interpretedUpdates.get(action);
  if (!def) interpretedUpdates.set(action, (def = defineUpdate<CaseRecord, [InterpretedActionRequest]>(action)));
  return def;
}
export const openedRecordUpdate = defineUpdate<CaseRecord>('opened');
export const recordQuery = defineQuery<CaseRecord>('snapshot');
