/**
 * Read queries over the directory and the case projection, shared by the API and the tools.
 * Writes to cases happen only in activities.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';
import { authorities, authorityColumns, caseEvents, cases, caseTranslations, officials, type Authority, type CaseRow, type Official } from './schema/index.js';

export interface OfficialWithAuthority extends Official {
  authority: Authority;
}

export async function findOfficial(db: DbOrTx, login: string): Promise<OfficialWithAuthority | undefined> {
  const rows = await db
    .select({ official: officials, authority: authorityColumns })
    .from(officials)
    .innerJoin(authorities, eq(officials.authorityId, authorities.id))
    .where(eq(officials.login, login))
    .limit(1);
  return rows[0] ? { ...rows[0].official, authority: rows[0].authority } : undefined;
}

/** Officials, by country and login; the generated directory has 35 000, so callers page. */
export async function listOfficials(
  db: DbOrTx,
  { country, role, limit = 200, offset = 0 }: { country?: string; role?: string; limit?: number; offset?: number } = {},
): Promise<{ items: OfficialWithAuthority[]; total: number }> {
  const where = and(
    country ? eq(authorities.country, country) : undefined,
    role ? sql`${officials.roles} @> array[${role}]::text[]` : undefined,
  );
  const rows = await db
    .select({ official: officials, authority: authorityColumns, total: sql<number>`count(*) over ()`.as('total') })
    .from(officials)
    .innerJoin(authorities, eq(officials.authorityId, authorities.id))
    .where(where)
    .orderBy(asc(authorities.country), asc(officials.login))
    .limit(limit)
    .offset(offset);
  return { items: rows.map((r) => ({ ...r.official, authority: r.authority })), total: rows.length ? Number(rows[0].total) : 0 };
}

export async function findAuthorities(db: DbOrTx, ids: string[]): Promise<Map<string, Authority>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(authorityColumns).from(authorities).where(inArray(authorities.id, [...new Set(ids)]));
  return new Map(rows.map((a) => [a.id, a]));
}

export async function findCase(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
  const rows = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
  return rows[0];
}

export async function caseTimeline(db: DbOrTx, id: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(asc(caseEvents.seq));
}

/** Who an official is, for access to cases: their authority, and their country if they coordinate. */
export interface Viewer {
  authorityId: string;
  country: string;
  coordinator: boolean;
}

/** A case is visible to the authorities taking part and, once escalated, to that country's coordinators. */
export function visibleTo(v: Viewer): SQL {
  const parts = [sql`${cases.authorityIds} @> array[${v.authorityId}]::text[]`];
  if (v.coordinator) parts.push(sql`${cases.escalatedCountries} @> array[${v.country}]::text[]`);
  return or(...parts)!;
}

export function canSee(v: Viewer, c: CaseRow): boolean {
  return c.authorityIds.includes(v.authorityId) || (v.coordinator && c.escalatedCountries.includes(v.country));
}

export interface CaseFilter {
  status?: string[];
  /** A role of the procedure the caller's authority holds; "coordinator": cases escalated to the caller's country. */
  role?: string;
  flag?: string;
  overdue?: boolean;
  procedure?: string;
  final?: boolean;
  limit: number;
  offset: number;
}

export async function listCases(db: Db, viewer: Viewer, f: CaseFilter): Promise<{ items: CaseRow[]; total: number }> {
  const where: SQL[] = [visibleTo(viewer)];
  if (f.role === 'coordinator') where.push(sql`${cases.escalatedCountries} @> array[${viewer.country}]::text[]`);
  else if (f.role) where.push(sql`${cases.parties} -> ${f.role} @> ${JSON.stringify([{ authorityId: viewer.authorityId }])}::jsonb`);
  if (f.status?.length) where.push(inArray(cases.status, f.status));
  if (f.flag) where.push(sql`${cases.flags} @> array[${f.flag}]::text[]`);
  if (f.overdue !== undefined) where.push(f.overdue ? sql`${cases.flags} @> array['overdue']::text[]` : sql`not (${cases.flags} @> array['overdue']::text[])`);
  if (f.procedure) where.push(eq(cases.procedureId, f.procedure));
  if (f.final !== undefined) where.push(eq(cases.final, f.final));
  const condition = and(...where);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(cases).where(condition).orderBy(desc(cases.startedAt), asc(cases.id)).limit(f.limit).offset(f.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(cases).where(condition),
  ]);
  return { items, total };
}

/** The authorities competent for a legal area in the given countries (the directory's areas). */
export async function competentAuthorities(db: DbOrTx, area: string, countries: string[]): Promise<Authority[]> {
  if (countries.length === 0) return [];
  return db
    .select()
    .from(authorities)
    .where(and(inArray(authorities.country, countries), sql`${authorities.areas} @> array[${area}]::text[]`))
    .orderBy(asc(authorities.id));
}

/** The machine translations of a case's free text into one language. */
export async function machineTranslations(db: DbOrTx, caseId: string, language: string) {
  return db.select().from(caseTranslations).where(and(eq(caseTranslations.caseId, caseId), eq(caseTranslations.targetLanguage, language)));
}

export interface TranslationKey {
  caseId: string;
  seq: number;
  field: string;
  from: string;
  to: string;
}

/**
 * Records where a machine translation stands (the activity and eTranslation's callback both write
 * here). A finished translation is never overwritten by a late retry's status.
 */
export async function recordTranslation(
  db: DbOrTx,
  k: TranslationKey,
  row: { status: string; text?: string | null; engine?: string | null; route?: string[] | null; note?: string | null },
): Promise<void> {
  await db
    .insert(caseTranslations)
    .values({ caseId: k.caseId, seq: k.seq, field: k.field, sourceLanguage: k.from, targetLanguage: k.to, ...row })
    .onConflictDoUpdate({
      target: [caseTranslations.caseId, caseTranslations.seq, caseTranslations.field, caseTranslations.targetLanguage],
      set: { ...row, updatedAt: sql`now()` },
      setWhere: sql`${caseTranslations.status} <> 'done'`,
    });
}
