/** The interpreter's data: what a case starts with, what it knows, what it records. Plain JSON. */
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Answers } from '../policy-areas/types.js';
import type { Actor, Party } from './contract.js';

export interface InterpretedInput {
  caseId: string;
  procedure: ProcedureV2;
  /** Every role's authorities, resolved by the API from the directory when the case starts. */
  parties: Record<string, Party[]>;
  startedBy: Actor;
  answers: Answers;
  message?: string;
  replyBy?: string;
}

export interface InterpretedState {
  caseId: string;
  procedureId: string;
  procedureVersion: number;
  status: string;
  parties: Record<string, Party[]>;
  startedBy: string;
  /** The party that started the case (the starting role's authority). */
  initiator: Party;
  message: string | null;
  /** Answers by form id. */
  answers: Record<string, Answers>;
  requestedReplyBy: string | null;
  agreedReplyBy: string | null;
  pendingReplyDate: { date: string; proposedBy: string; proposedAt: string } | null;
  /** When each named event last happened: "start" and action ids. */
  happened: Record<string, string>;
  flags: string[];
  /** Roles a deadline escalated the case to, with the country they coordinate. */
  escalations: { role: string; country: string; at: string }[];
  /** For once-per-party actions: the authorities that took each. */
  takenBy: Record<string, string[]>;
  ratings: { timeliness: number | null; efforts: number | null } | null;
  seq: number;
}

export interface CaseRecord extends InterpretedState {
  kind: ProcedureV2['kind'];
  final: boolean;
  /** The deadlines running now and when each falls due (ISO instant). */
  deadlines: Record<string, string>;
  /** Deadlines that expired while the case still waits in their states. */
  lapsed: Record<string, LapsedDeadline>;
}

export interface LapsedDeadline {
  /** When it fell due (ISO instant). */
  due: string;
  kind: 'acceptance' | 'reply-date' | 'legal';
}

export interface DueTimer {
  deadline: string;
  kind: 'reminder' | 'expiry';
  at: number;
}

export interface ActionInput {
  answers?: Answers;
  message?: string;
  date?: string;
  agree?: boolean;
  replyBy?: string;
  toAuthorityId?: string;
  toCountry?: string;
  /** The receiving authority's language, for machine translation. */
  toLanguage?: string;
  timeliness?: number;
  efforts?: number;
  /** For add-recipients: authorities resolved by the API (e.g. every competent authority of the other countries). */
  recipients?: Party[];
}
