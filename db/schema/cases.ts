import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import type { Answers } from '../../policy-areas/types.js';
import type { Party, PendingReplyDate } from '../../workflows/contract.js';
import type { LapsedDeadline } from '../../workflows/interpreter-types.js';

export interface Escalation {
  role: string;
  country: string;
  at: string;
}
import { authorities } from './directory.js';

const at = (name?: string) => (name ? timestamp(name, { withTimezone: true }) : timestamp({ withTimezone: true }));

/**
 * The newest state of each case, as the workflow last recorded it. The workflow is the source of
 * truth; this row is what lists, filters, supervision and the scoreboard read. One shape for every
 * procedure: parties by role (many recipients included), deadlines by id, flags by name.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid().primaryKey(),
    workflowId: text().notNull().unique('cases_workflow_id_unique'),
    workflowType: text().notNull(),
    procedureId: text().notNull(),
    procedureVersion: integer().notNull(),
    kind: text().notNull(),
    status: text().notNull(),
    /** Whether the case reached a final state of its procedure. */
    final: boolean().notNull().default(false),
    /** The authority that started the case. */
    initiatorAuthorityId: text()
      .notNull()
      .references(() => authorities.id),
    initiatorCountry: text().notNull(),
    parties: jsonb().$type<Record<string, Party[]>>().notNull(),
    /** Every authority taking part now, for access checks and "my cases" (GIN-indexed). */
    authorityIds: text().array().notNull(),
    countries: text().array().notNull(),
    /** Countries whose coordinators a deadline escalated the case to: they see it and may act. */
    escalatedCountries: text().array().notNull().default(sql`'{}'::text[]`),
    escalations: jsonb().$type<Escalation[]>().notNull().default(sql`'[]'::jsonb`),
    startedBy: text().notNull(),
    /** Answers by form id. */
    answers: jsonb().$type<Record<string, Answers>>().notNull(),
    message: text(),
    requestHash: text().notNull(),
    requestedReplyBy: date({ mode: 'string' }),
    agreedReplyBy: date({ mode: 'string' }),
    pendingReplyDate: jsonb().$type<PendingReplyDate>(),
    /** The running deadlines and when each falls due. */
    deadlines: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    nextDueAt: at(),
    /** Deadlines that expired while the case still waits in their states: what supervisors chase. */
    lapsed: jsonb().$type<Record<string, LapsedDeadline>>().notNull().default(sql`'{}'::jsonb`),
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    startedAt: at().notNull(),
    finishedAt: at(),
    ratingTimeliness: smallint(),
    ratingEfforts: smallint(),
    /** Sequence number of the last event applied; older snapshots never overwrite newer ones. */
    seq: integer().notNull(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    check('cases_ratings_range', sql`${t.ratingTimeliness} between 1 and 5 and ${t.ratingEfforts} between 1 and 5`),
    index('cases_authorities_idx').using('gin', t.authorityIds),
    index('cases_escalated_idx').using('gin', t.escalatedCountries),
    index('cases_procedure_idx').on(t.procedureId, t.status),
    index('cases_next_due_idx').on(t.nextDueAt).where(sql`not ${t.final}`),
    index('cases_lapsed_idx').on(t.startedAt).where(sql`not ${t.final} and ${t.lapsed} <> '{}'::jsonb`),
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

/** The workflow type of cases loaded by the history generator (db/generate-history.ts): no workflow runs them. */
export const IMPORTED_HISTORY = 'imported-history';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/**
 * Every published version of every procedure. Rows are only ever inserted: a trigger refuses
 * updates and deletes, so a published version cannot change under the cases that run on it.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: text().notNull(),
    version: integer().notNull(),
    area: text().notNull(),
    kind: text().notNull(),
    code: text().notNull(),
    /** json, not jsonb: it keeps the author's key order (states, actions) for readers. */
    definition: json().$type<ProcedureV2>().notNull(),
    /** SHA-256 of the definition's canonical JSON, to tell a re-publication from a change. */
    hash: text().notNull(),
    /** "catalog" for the files shipped in policy-areas/, "api" for versions a policy owner published. */
    source: text().notNull(),
    publishedBy: text(),
    publishedAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'procedures_pk', columns: [t.id, t.version] }), check('procedures_source_known', sql`${t.source} in ('catalog', 'api')`)],
);

export type ProcedureRow = typeof procedures.$inferSelect;

/**
 * Machine translations of the free text in case events, one row per event, field and target
 * language. The original stays in case_events; this is shown beside it, marked as machine made.
 */
export const caseTranslations = pgTable(
  'case_translations',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    field: text().notNull(),
    sourceLanguage: text().notNull(),
    targetLanguage: text().notNull(),
    /** pending, retrying (the provider is unreachable), done, unsupported (no provider has the pair). */
    status: text().notNull(),
    text: text(),
    engine: text(),
    /** The languages the text went through: [from, to], or [from, pivot, to]. */
    route: text().array(),
    note: text(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'case_translations_pk', columns: [t.caseId, t.seq, t.field, t.targetLanguage] }),
    check('case_translations_status_known', sql`${t.status} in ('pending', 'retrying', 'done', 'unsupported')`),
  ],
);
export type CaseTranslationRow = typeof caseTranslations.$inferSelect;
