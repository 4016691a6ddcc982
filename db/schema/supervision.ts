import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

const at = () => timestamp({ withTimezone: true });

/**
 * One row per case: the facts the scoreboard and the usage statistics count, derived from the
 * case's recorded events by the SQL function liaison_refresh_exchange_facts (migration 0005).
 * Never written by the application directly, so the figures always agree with case_events; it
 * exists because aggregating a year of raw events on every scoreboard request is too slow.
 */
export const exchangeFacts = pgTable(
  'exchange_facts',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    procedureId: text().notNull(),
    area: text().notNull(),
    kind: text().notNull(),
    /** The year the exchange was sent (UTC), by which the scoreboard and the statistics count it. */
    year: smallint().notNull(),
    sentAt: at().notNull(),
    requestingCountry: text().notNull(),
    respondingCountry: text(),
    respondingAuthorityId: text(),
    /** Which of the scoreboard's measures this procedure's definition maps actions to. */
    countsAcceptance: boolean().notNull(),
    countsReply: boolean().notNull(),
    countsSurvey: boolean().notNull(),
    acceptedAt: at(),
    withdrawnAt: at(),
    repliedAt: at(),
    /** The reply date in force when the reply was sent (or now, while there is none). */
    agreedReplyBy: date({ mode: 'string' }),
    ratingTimeliness: smallint(),
    ratingEfforts: smallint(),
  },
  (t) => [
    index('exchange_facts_year_idx').on(t.year, t.area),
    index('exchange_facts_scored_idx')
      .on(t.year, t.respondingCountry)
      .where(sql`${t.countsAcceptance} or ${t.countsReply} or ${t.countsSurvey}`),
  ],
);

export type ExchangeFactsRow = typeof exchangeFacts.$inferSelect;
