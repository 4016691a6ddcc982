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

/**
 * How many of a search's matches are ranked by ts_rank_cd. Ranking reads each match's search
 * document (about 10 kB, stored out of line) and costs from 50 µs a row to several hundred for a
 * long query, so a broad query (a common name, "Service de l'État": hundreds of matches) would
 * spend most of its time there. The matches closest by name (trigram similarity of the name, no
 * document read) are ranked; the rest follow them in that order, so pages stay consistent. On the
 * benchmark's queries (bench/search.ts) ranking 50 keeps the first five results of 2 193 of 2 200
 * searches as ranking every match orders them (100: 2 198), with the same share of expected
 * authorities in the top five; the slowest name fragments (p95) take some 2.5 ms less than with 100.
 */
const RANKED = 50;

const selected = Object.entries(authorityColumns);
const selectList = sql.join(selected.map(([key, column]) => sql`${column} as ${sql.identifier(key)}`), sql`, `);
/** The ranked matches' columns, read as the query builder reads the table's. */
const hitFields = {
  ...(Object.fromEntries(selected.map(([key, column]) => [key, sql`hits.${sql.identifier(key)}`.mapWith(column)])) as {
    [K in keyof typeof authorityColumns]: SQL<Authority[K]>;
  }),
  rank: sql<number>`hits.rank`.mapWith(Number),
  total: sql<number>`hits.total`.mapWith(Number),
};

export async function searchAuthorities(db: Db, s: AuthoritySearch): Promise<{ items: AuthorityHit[]; total: number }> {
  const filters: SQL[] = [];
  if (s.country) filters.push(eq(authorities.country, s.country));
  if (s.level) filters.push(eq(authorities.level, s.level));
  if (s.area) filters.push(sql`${authorities.areas} @> array[${s.area}]::text[]`);
  if (s.procedure) filters.push(sql`(${authorities.procedures} = '{}' or ${authorities.procedures} @> array[${s.procedure}]::text[])`);
  const q = s.q?.trim();
  if (!q) return listAuthorities(db, filters, s);
  // One round trip. The query is read (typos corrected, stemmed) once, in a materialized CTE: a
  // function call in the WHERE clause could be evaluated again for each row. The planner cannot see
  // the tsquery there and joins the GIN index with the filters' indexes, which EXPLAIN shows is the
  // right plan for all but very long queries. A NULL query (no words) matches nothing.
  const input = sql`input as materialized (select liaison_query(${q}) as query, unaccent(lower(${q})) as plain)`;
  const matching = and(sql`${authorities.searchDocument} @@ input.query`, ...filters);
  // Names weigh most, then competences, then keywords; ties go to the closer name.
  const ranked = sql`(
    with ${input}, matches as (
      select ${selectList}, ${authorities.searchDocument} as document, count(*) over () as total,
        similarity(${authorities.name}, input.plain) as closeness,
        row_number() over (order by similarity(${authorities.name}, input.plain) desc, ${authorities.name}, ${authorities.id}) as candidate
      from ${authorities}, input where ${matching})
    select matches.*, case when candidate <= ${sql.raw(String(RANKED))}
      then ts_rank_cd(document, input.query, 1) + similarity(unaccent(lower(name)), input.plain) else closeness end as rank
    from matches, input) as hits`;
  // Prepared (postgres.js keeps one per combination of filters and connection): planned once, not at
  // every search, which saves about half a millisecond of the server's time. PostgreSQL's generic
  // plan for it is the same as a custom one would be, as the planner never sees the tsquery anyway.
  const rows = await db
    .select(hitFields)
    .from(ranked)
    .orderBy(sql`hits.candidate > ${sql.raw(String(RANKED))}`, sql`hits.rank desc`, sql`hits.name`, sql`hits.id`)
    .limit(s.limit)
    .offset(s.offset)
    .prepare('authority-search')
    .execute();
  const total = rows.length
    ? rows[0].total
    : s.offset > 0
      ? Number((await db.execute<{ n: number }>(sql`with ${input} select count(*)::int as n from ${authorities}, input where ${matching}`))[0].n)
      : 0;
  return { items: rows.map(({ total: _t, ...hit }) => hit), total };
}

/** Filters alone: every entry that passes, by name. */
async function listAuthorities(db: Db, filters: SQL[], s: AuthoritySearch): Promise<{ items: AuthorityHit[]; total: number }> {
  const where = filters.length ? and(...filters) : undefined;
  const rows = await db
    .select({ ...authorityColumns, total: sql<number>`count(*) over ()`.as('total') })
    .from(authorities)
    .where(where)
    .orderBy(asc(authorities.name), asc(authorities.id))
    .limit(s.limit)
    .offset(s.offset);
  const total = rows.length
    ? Number(rows[0].total)
    : s.offset > 0
      ? (await db.select({ n: sql<number>`count(*)::int` }).from(authorities).where(where))[0].n
      : 0;
  return { items: rows.map(({ total: _t, ...r }) => ({ ...r, rank: 0 })), total };
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

