import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { caseEvents, cases } from '../db/schema/index.js';
import { replyDeadline } from '../workflows/case-machine.js';
import { caseWorkflowId, type CaseEvent, type CaseSnapshot, type Party } from '../workflows/contract.js';
import type { CaseRecord } from '../workflows/interpreter.js';

type CaseInsert = typeof cases.$inferInsert;

export interface RecordCaseInput {
  record: CaseRecord;
  events: CaseEvent[];
  workflowType: string;
  requestHash: string;
}

/** Input of the format-1 workflow's activity; its histories still call it under this name. */
export interface RecordTransitionInput {
  snapshot: CaseSnapshot;
  events: CaseEvent[];
  workflowType: string;
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

function common(parties: Record<string, Party[]>, deadlines: Record<string, string>) {
  const all = Object.values(parties).flat();
  const dues = Object.values(deadlines).sort();
  return {
    parties,
    authorityIds: [...new Set(all.map((p) => p.authorityId))],
    countries: [...new Set(all.map((p) => p.country))],
    deadlines,
    nextDueAt: date(dues[0]),
  };
}

export function rowOfRecord(r: CaseRecord, workflowType: string, requestHash: string): CaseInsert {
  const lastAt = r.happened[Object.keys(r.happened).sort((a, b) => r.happened[a].localeCompare(r.happened[b])).at(-1)!];
  return {
    id: r.caseId,
    workflowId: caseWorkflowId(r.caseId),
    workflowType,
    procedureId: r.procedureId,
    procedureVersion: r.procedureVersion,
    kind: r.kind,
    status: r.status,
    final: r.final,
    initiatorAuthorityId: r.initiator.authorityId,
    initiatorCountry: r.initiator.country,
    ...common(r.parties, r.deadlines),
    // Recorded before this field existed, a replayed workflow's record may lack it.
    lapsed: r.lapsed ?? {},
    escalatedCountries: [...new Set(r.escalations.map((e) => e.country))],
    escalations: r.escalations,
    startedBy: r.startedBy,
    answers: r.answers,
    message: r.message,
    requestHash,
    requestedReplyBy: r.requestedReplyBy,
    agreedReplyBy: r.agreedReplyBy,
    pendingReplyDate: r.pendingReplyDate,
    flags: r.flags,
    startedAt: new Date(r.happened.start),
    finishedAt: r.final ? date(lastAt) : null,
    ratingTimeliness: r.ratings?.timeliness ?? null,
    ratingEfforts: r.ratings?.efforts ?? null,
    seq: r.seq,
  };
}

/** A format-1 snapshot in the generic shape (the same mapping as migration 0001's backfill). */
export function rowOfSnapshot(s: CaseSnapshot, workflowType: string): CaseInsert {
  const deadlines: Record<string, string> = {};
  if (s.status === 'submitted' && !s.notAcceptedInTime) deadlines.acceptance = s.acceptBy;
  if (['submitted', 'accepted', 'information-requested'].includes(s.status) && !s.overdue) {
    deadlines.reply = new Date(replyDeadline(s.agreedReplyBy)).toISOString();
  }
  const escalations = s.escalatedToCountry ? [{ role: 'coordinator', country: s.escalatedToCountry, at: s.escalatedAt! }] : [];
  return {
    id: s.caseId,
    workflowId: caseWorkflowId(s.caseId),
    workflowType,
    procedureId: s.procedureId,
    procedureVersion: s.procedureVersion,
    kind: 'request-reply',
    status: s.status,
    final: s.status === 'withdrawn',
    initiatorAuthorityId: s.requester.authorityId,
    initiatorCountry: s.requester.country,
    ...common({ requester: [s.requester], responder: [s.responder] }, deadlines),
    lapsed: {
      ...(s.status === 'submitted' && s.notAcceptedInTime ? { acceptance: { due: s.acceptBy, kind: 'acceptance' as const } } : {}),
      ...(['submitted', 'accepted', 'information-requested'].includes(s.status) && s.overdue
        ? { reply: { due: new Date(replyDeadline(s.agreedReplyBy)).toISOString(), kind: 'reply-date' as const } }
        : {}),
    },
    escalatedCountries: escalations.map((e) => e.country),
    escalations,
    startedBy: s.submittedBy,
    answers: { request: s.answers },
    message: s.message,
    requestHash: s.requestHash,
    requestedReplyBy: s.requestedReplyBy,
    agreedReplyBy: s.agreedReplyBy,
    pendingReplyDate: s.pendingReplyDate,
    flags: [...(s.notAcceptedInTime ? ['not-accepted-in-time'] : []), ...(s.overdue ? ['overdue'] : [])],
    startedAt: new Date(s.submittedAt),
    finishedAt: date(s.withdrawnAt),
    ratingTimeliness: s.ratings?.timeliness ?? null,
    ratingEfforts: s.ratings?.efforts ?? null,
    seq: s.seq,
  };
}

/**
 * Writes a case's new state and the events that led to it, in one transaction. Idempotent: a
 * retry inserts no event twice (the (case, seq) key) and never puts an older state over a newer one.
 */
async function write(db: Db, row: CaseInsert, events: CaseEvent[]): Promise<void> {
  const { id: _id, workflowId: _wf, ...changes } = row;
  await db.transaction(async (tx) => {
    await tx
      .insert(cases)
      .values(row)
      .onConflictDoUpdate({ target: cases.id, set: { ...changes, updatedAt: sql`now()` }, setWhere: sql`${cases.seq} < excluded.seq` });
    if (events.length === 0) return;
    await tx
      .insert(caseEvents)
      .values(
        events.map((e) => ({
          caseId: row.id,
          seq: e.seq,
          action: e.action,
          actorLogin: e.actor?.login ?? null,
          actorAuthorityId: e.actor?.authorityId ?? null,
          at: new Date(e.at),
          payload: e.payload,
        })),
      )
      .onConflictDoNothing();
    // The scoreboard's facts follow the events in the same transaction, so they never disagree.
    await tx.execute(sql`select liaison_refresh_exchange_facts(array[${row.id}]::uuid[])`);
  });
}

export function recordActivities(db: Db) {
  return {
    async recordCase({ record, events, workflowType, requestHash }: RecordCaseInput): Promise<void> {
      await write(db, rowOfRecord(record, workflowType, requestHash), events);
    },
    async recordTransition({ snapshot, events, workflowType }: RecordTransitionInput): Promise<void> {
      await write(db, rowOfSnapshot(snapshot, workflowType), events);
    },
  };
}
