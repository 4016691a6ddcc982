import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';

/** Competent authorities and coordinators, per EEA country. */
export const authorities = pgTable(
  'authorities',
  {
    id: text().primaryKey(),
    country: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    level: text().notNull().default('national'),
    city: text(),
    /** Legal areas the authority is competent for, by policy-area id. */
    areas: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    check('authorities_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('authorities_level_known', sql`${t.level} in ('national', 'regional', 'local')`),
    index('authorities_country_idx').on(t.country),
  ],
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
    language: text().notNull().default('en'),
  },
  (t) => [index('officials_authority_idx').on(t.authorityId)],
);

export type Authority = typeof authorities.$inferSelect;
export type NewAuthority = typeof authorities.$inferInsert;
export type Official = typeof officials.$inferSelect;
export type NewOfficial = typeof officials.$inferInsert;
