import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Answers } from '../../policy-areas/types.js';
import type { PendingReplyDate } from '../../workflows/contract.js';
import { authorities } from './directory.js';

const at = (name?: string) => (name ? timestamp(name, { withTimezone: true }) : timestamp({ withTimezone: true }));

/**
 * The newest state of each case, as the workflow last recorded it. The workflow is the source of
 * truth; this row is what lists, filters and the scoreboard read.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid().primaryKey(),
    workflowId: text().notNull().unique('cases_workflow_id_unique'),
    workflowType: text().notNull(),
    procedureId: text().notNull(),
    procedureVersion: integer().notNull(),
    status: text().notNull(),
    requesterAuthorityId: text()
      .notNull()
      .references(() => authorities.id),
    requesterCountry: text().notNull(),
    responderAuthorityId: text()
      .notNull()
      .references(() => authorities.id),
    responderCountry: text().notNull(),
    submittedBy: text().notNull(),
    answers: jsonb().$type<Answers>().notNull(),
    message: text(),
    requestHash: text().notNull(),
    requestedReplyBy: date({ mode: 'string' }).notNull(),
    agreedReplyBy: date({ mode: 'string' }).notNull(),
    pendingReplyDate: jsonb().$type<PendingReplyDate>(),
    submittedAt: at().notNull(),
    acceptBy: at().notNull(),
    acceptedAt: at(),
    notAcceptedInTime: boolean().notNull().default(false),
    escalatedToCountry: text(),
    escalatedAt: at(),
    overdue: boolean().notNull().default(false),
    overdueSince: at(),
    repliedAt: at(),
    closedAt: at(),
    withdrawnAt: at(),
    reopenUntil: at(),
    ratingTimeliness: smallint(),
    ratingEfforts: smallint(),
    /** Sequence number of the last event applied; older snapshots never overwrite newer ones. */
    seq: integer().notNull(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    check('cases_ratings_range', sql`${t.ratingTimeliness} between 1 and 5 and ${t.ratingEfforts} between 1 and 5`),
    index('cases_requester_idx').on(t.requesterAuthorityId, t.status),
    index('cases_responder_idx').on(t.responderAuthorityId, t.status),
    index('cases_escalated_idx').on(t.escalatedToCountry).where(sql`${t.escalatedToCountry} is not null`),
  ],
);

/** Append-only log of what happened to each case: who, when, which action, with what. */
export const caseEvents = pgTable(
  'case_events',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    action: text().notNull(),
    actorLogin: text(),
    actorAuthorityId: text(),
    at: at().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    recordedAt: at().notNull().defaultNow(),
  },
  // (case, seq) is the idempotency key: a retried activity inserts nothing the second time.
  (t) => [primaryKey({ name: 'case_events_pk', columns: [t.caseId, t.seq] })],
);

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
