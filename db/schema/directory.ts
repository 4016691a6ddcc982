import { getTableColumns, sql } from 'drizzle-orm';
import { bigserial, check, customType, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Maintained by the authorities_search trigger (migration 0002), never written by the application. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Competent authorities and coordinators, per EEA country. */
export const authorities = pgTable(
  'authorities',
  {
    id: text().primaryKey(),
    country: text().notNull(),
    /** The name in the authority's (first) own language. */
    name: text().notNull(),
    nameEn: text(),
    /** The name in each of its own languages, by ISO 639-1 code (Belgium: nl, fr, de…). */
    names: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    level: text().notNull().default('national'),
    street: text(),
    postcode: text(),
    city: text(),
    region: text(),
    /** Legal areas the authority is competent for, by policy-area id. */
    areas: text().array().notNull().default(sql`'{}'::text[]`),
    /** Procedures it handles, when not every procedure of its areas. */
    procedures: text().array().notNull().default(sql`'{}'::text[]`),
    /** Concepts of the pre-translated vocabulary (policy-areas/competences.json) it declared. */
    competences: text().array().notNull().default(sql`'{}'::text[]`),
    /** Free competence keywords, in its own language. */
    keywords: text().array().notNull().default(sql`'{}'::text[]`),
    searchDocument: tsvector(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('authorities_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('authorities_level_known', sql`${t.level} in ('national', 'regional', 'local')`),
    index('authorities_country_idx').on(t.country),
    index('authorities_search_idx').using('gin', t.searchDocument),
    index('authorities_areas_idx').using('gin', t.areas),
  ],
);

/** The pre-translated competence vocabulary, loaded from policy-areas/competences.json. */
export const competences = pgTable('competences', {
  id: text().primaryKey(),
  area: text().notNull(),
  /** Terms by language: the official term first, then synonyms. */
  terms: jsonb().$type<Record<string, string[]>>().notNull(),
});

/**
 * Every word of the directory's search documents, for typo-tolerant matching. The trigram index is
 * GIN (migration 0006): a thresholded `%` search on it costs well under a millisecond, where the
 * GiST index's nearest-neighbour order took 8 to 14 ms for a word with no exact match.
 */
export const searchTerms = pgTable('search_terms', { term: text().primaryKey() }, (t) => [
  index('search_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`),
]);

/** Who changed which directory entry, when, from what to what. */
export const authorityAudit = pgTable(
  'authority_audit',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    authorityId: text().notNull(),
    action: text().notNull(),
    changedBy: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index('authority_audit_authority_idx').on(t.authorityId, t.changedAt)],
);

/** People who act for an authority. Their login is the subject of their access tokens. */
export const officials = pgTable(
  'officials',
  {
    login: text().primaryKey(),
    name: text().notNull(),
    authorityId: text()
      .notNull()
      .references(() => authorities.id, { onDelete: 'restrict' }),
    roles: text().array().notNull(),
    /** Preferred language (ISO 639-1); when unset the API follows the request's Accept-Language. */
    language: text(),
    /**
     * For coordinators: the legal areas they coordinate in their country (IMI's LIMIC/DIMIC).
     * Empty means every area (the national IMI coordinator).
     */
    coordinatorAreas: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('officials_authority_idx').on(t.authorityId)],
);

/** Every column but the search document, which only the search reads. */
export const { searchDocument: _searchDocument, ...authorityColumns } = getTableColumns(authorities);
export type Authority = Omit<typeof authorities.$inferSelect, 'searchDocument'>;
export type NewAuthority = typeof authorities.$inferInsert;
export type Official = typeof officials.$inferSelect;
export type NewOfficial = typeof officials.$inferInsert;
