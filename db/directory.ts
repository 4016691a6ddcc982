/**
 * The authority directory: the competence vocabulary, the multilingual search, and audited
 * changes by coordinators. The search itself is SQL (migration 0002): PostgreSQL full-text
 * search with per-language stemming, unaccent and trigram typo correction.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';
import { authorities, authorityAudit, authorityColumns, competences, type Authority, type NewAuthority } from './schema/index.js';

export interface Concept {
  id: string;
  area: string;
  terms: Record<string, string[]>;
}

/** Loads the vocabulary; authorities holding a changed concept get their search document rebuilt. */
export async function loadVocabulary(db: Db, concepts: Concept[]): Promise<{ changed: number }> {
  if (concepts.length === 0) return { changed: 0 };
  return db.transaction(async (tx) => {
    const changed = await tx
      .insert(competences)
      .values(concepts)
      .onConflictDoUpdate({
        target: competences.id,
        set: { area: sql`excluded.area`, terms: sql`excluded.terms` },
        setWhere: sql`${competences.terms} is distinct from excluded.terms or ${competences.area} is distinct from excluded.area`,
      })
      .returning({ id: competences.id });
    if (changed.length) {
      const ids = changed.map((c) => c.id);
      // The trigger rebuilds the document from the new terms.
      await tx.execute(sql`update authorities set competences = competences where competences && ${sql`array[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::text[]`}`);
    }
    return { changed: changed.length };
  });
}

export interface AuthoritySearch {
  q?: string;
  country?: string;
  level?: string;
  area?: string;
  procedure?: string;
  limit: number;
  offset: number;
}

export type AuthorityHit = Authority & { rank: number };

export async function searchAuthorities(db: Db, s: AuthoritySearch): Promise<{ items: AuthorityHit[]; total: number }> {
  // The query is read (and its typos corrected) once, not once per candidate row.
  const tsquery = s.q?.trim() ? ((await db.execute<{ q: string | null }>(sql`select liaison_query(${s.q})::text as q`))[0]?.q ?? null) : null;
  if (s.q?.trim() && !tsquery) return { items: [], total: 0 };
  const where: SQL[] = [];
  if (tsquery) where.push(sql`${authorities.searchDocument} @@ ${tsquery}::tsquery`);
  if (s.country) where.push(eq(authorities.country, s.country));
  if (s.level) where.push(eq(authorities.level, s.level));
  if (s.area) where.push(sql`${authorities.areas} @> array[${s.area}]::text[]`);
  if (s.procedure) where.push(sql`(${authorities.procedures} = '{}' or ${authorities.procedures} @> array[${s.procedure}]::text[])`);
  // Names weigh most, then competences, then keywords; ties go to the closer name.
  const rank = tsquery
    ? sql<number>`ts_rank_cd(${authorities.searchDocument}, ${tsquery}::tsquery, 1) + similarity(unaccent(lower(${authorities.name})), unaccent(lower(${s.q!})))`
    : sql<number>`0`;
  const rows = await db
    .select({ ...authorityColumns, rank: rank.as('rank'), total: sql<number>`count(*) over ()`.as('total') })
    .from(authorities)
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`rank desc`, asc(authorities.name), asc(authorities.id))
    .limit(s.limit)
    .offset(s.offset);
  const total = rows.length ? Number(rows[0].total) : s.offset > 0 ? (await countAuthorities(db, where)) : 0;
  return { items: rows.map(({ total: _t, ...r }) => ({ ...r, rank: Number(r.rank) })), total };
}

async function countAuthorities(db: Db, where: SQL[]): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(authorities).where(where.length ? and(...where) : undefined);
  return n;
}

/** Creates or changes an entry and records who did it, with the before and after, in one transaction. */
export async function saveAuthority(db: Db, entry: NewAuthority, changedBy: string): Promise<Authority> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(authorityColumns).from(authorities).where(eq(authorities.id, entry.id)).for('update');
    const [after] = await tx
      .insert(authorities)
      .values(entry)
      .onConflictDoUpdate({ target: authorities.id, set: { ...entry, updatedAt: sql`now()` } })
      .returning(authorityColumns);
    await tx.insert(authorityAudit).values({
      authorityId: entry.id,
      action: before ? 'update' : 'create',
      changedBy,
      before: before ?? null,
      after,
    });
    return after;
  });
}

export async function authorityHistory(db: DbOrTx, id: string) {
  return db.select().from(authorityAudit).where(eq(authorityAudit.authorityId, id)).orderBy(asc(authorityAudit.changedAt), asc(authorityAudit.id));
}

