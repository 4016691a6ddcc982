import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { caseEvents, cases } from '../db/schema/index.js';
import { caseWorkflowId, type CaseEvent, type CaseSnapshot } from '../workflows/contract.js';

export interface RecordTransitionInput {
  snapshot: CaseSnapshot;
  events: CaseEvent[];
  workflowType: string;
}

function caseRow(s: CaseSnapshot, workflowType: string): typeof cases.$inferInsert {
  return {
    id: s.caseId,
    workflowId: caseWorkflowId(s.caseId),
    workflowType,
    procedureId: s.procedureId,
    procedureVersion: s.procedureVersion,
    status: s.status,
    requesterAuthorityId: s.requester.authorityId,
    requesterCountry: s.requester.country,
    responderAuthorityId: s.responder.authorityId,
    responderCountry: s.responder.country,
    submittedBy: s.submittedBy,
    answers: s.answers,
    message: s.message,
    requestHash: s.requestHash,
    requestedReplyBy: s.requestedReplyBy,
    agreedReplyBy: s.agreedReplyBy,
    pendingReplyDate: s.pendingReplyDate,
    submittedAt: new Date(s.submittedAt),
    acceptBy: new Date(s.acceptBy),
    acceptedAt: s.acceptedAt ? new Date(s.acceptedAt) : null,
    notAcceptedInTime: s.notAcceptedInTime,
    escalatedToCountry: s.escalatedToCountry,
    escalatedAt: s.escalatedAt ? new Date(s.escalatedAt) : null,
    overdue: s.overdue,
    overdueSince: s.overdueSince ? new Date(s.overdueSince) : null,
    repliedAt: s.repliedAt ? new Date(s.repliedAt) : null,
    closedAt: s.closedAt ? new Date(s.closedAt) : null,
    withdrawnAt: s.withdrawnAt ? new Date(s.withdrawnAt) : null,
    reopenUntil: s.reopenUntil ? new Date(s.reopenUntil) : null,
    ratingTimeliness: s.ratings?.timeliness ?? null,
    ratingEfforts: s.ratings?.efforts ?? null,
    seq: s.seq,
  };
}

/**
 * Writes a case's new state and the events that led to it, in one transaction. Idempotent: a
 * retry inserts no event twice (the (case, seq) key) and never puts an older snapshot over a newer one.
 */
export function recordTransitionActivity(db: Db) {
  return async function recordTransition({ snapshot, events, workflowType }: RecordTransitionInput): Promise<void> {
    const row = caseRow(snapshot, workflowType);
    const { id: _id, workflowId: _wf, ...changes } = row;
    await db.transaction(async (tx) => {
      await tx
        .insert(cases)
        .values(row)
        .onConflictDoUpdate({
          target: cases.id,
          set: { ...changes, updatedAt: sql`now()` },
          setWhere: sql`${cases.seq} < excluded.seq`,
        });
      if (events.length === 0) return;
      await tx
        .insert(caseEvents)
        .values(
          events.map((e) => ({
            caseId: snapshot.caseId,
            seq: e.seq,
            action: e.action,
            actorLogin: e.actor?.login ?? null,
            actorAuthorityId: e.actor?.authorityId ?? null,
            at: new Date(e.at),
            payload: e.payload,
          })),
        )
        .onConflictDoNothing();
    });
  };
}
