/**
 * What supervisors watch: cases with lapsed deadlines or deadlines coming up, and escalations with
 * who took them up. Read from the cases projection, which the recording activity updates when a
 * timer fires, so these views follow the workflows within the activity's latency.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import type { LapsedDeadline } from '../workflows/interpreter-types.js';

/** What a supervisor may see; the union of the parts applies. */
export interface SupervisionScope {
  /** The Commission's IMI team: every case. */
  all: boolean;
  /** Coordinators: cases with a party in the country, in the areas they coordinate (null: every area). */
  countries: { country: string; areas: string[] | null }[];
  /** Policy owners: cases of their legal areas, in every country. */
  areas: string[];
  /** Every official: the cases of their own authority. */
  authorityId: string;
}

export interface SupervisionFilter {
  country?: string;
  authorityId?: string;
  area?: string;
  procedureId?: string;
}

/** Cases of these legal areas (never empty: callers check), through the procedures' published versions. */
const inAreas = (areas: string[]) => sql`c.procedure_id in (select p.id from procedures p where p.area in ${areas})`;

export function scopeCondition(scope: SupervisionScope): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = [sql`c.authority_ids @> array[${scope.authorityId}]::text[]`];
  for (const { country, areas } of scope.countries) {
    const inCountry = sql`(c.countries @> array[${country}]::text[] or c.escalated_countries @> array[${country}]::text[])`;
    parts.push(areas ? sql`(${inCountry} and ${areas.length ? inAreas(areas) : sql`false`})` : inCountry);
  }
  if (scope.areas.length) parts.push(inAreas(scope.areas));
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function filterCondition(f: SupervisionFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.country) parts.push(sql`c.countries @> array[${f.country}]::text[]`);
  if (f.authorityId) parts.push(sql`c.authority_ids @> array[${f.authorityId}]::text[]`);
  if (f.area) parts.push(inAreas([f.area]));
  if (f.procedureId) parts.push(sql`c.procedure_id = ${f.procedureId}`);
  return sql.join(parts, sql` and `);
}

export interface AttentionCase {
  id: string;
  procedureId: string;
  procedureVersion: number;
  area: string;
  status: string;
  lapsed: Record<string, LapsedDeadline>;
  deadlines: Record<string, string>;
  nextDueAt: string | null;
  countries: string[];
  initiatorCountry: string;
  parties: Record<string, { authorityId: string; country: string }[]>;
  startedAt: string;
}

export interface AttentionCounts {
  notAcceptedInTime: number;
  pastReplyDate: number;
  pastLegalDeadline: number;
  dueSoon: number;
  total: number;
}

const lapsedOf = (kind: LapsedDeadline['kind']) => sql`c.lapsed @? ${`$.* ? (@.kind == "${kind}")`}::jsonpath`;

/** Open cases with a lapsed deadline, or one falling due before `until`: most overdue first, then soonest due. */
export async function casesNeedingAttention(
  db: Db,
  scope: SupervisionScope,
  filter: SupervisionFilter,
  until: Date,
  page: { limit: number; offset: number },
): Promise<{ counts: AttentionCounts; cases: AttentionCase[] }> {
  const soon = sql`c.next_due_at <= ${until.toISOString()}::timestamptz`;
  const where = sql`not c.final and (c.lapsed <> '{}'::jsonb or ${soon}) and ${scopeCondition(scope)} and ${filterCondition(filter)}`;
  const [counts] = (await db.execute(sql`
    select count(*) filter (where ${lapsedOf('acceptance')})::int as "notAcceptedInTime",
      count(*) filter (where ${lapsedOf('reply-date')})::int as "pastReplyDate",
      count(*) filter (where ${lapsedOf('legal')})::int as "pastLegalDeadline",
      count(*) filter (where ${soon})::int as "dueSoon", count(*)::int as total
    from cases c where ${where}`)) as unknown as AttentionCounts[];
  const rows = (await db.execute(sql`
    select c.id, c.procedure_id as "procedureId", c.procedure_version as "procedureVersion",
      (select p.area from procedures p where p.id = c.procedure_id limit 1) as area, c.status, c.lapsed, c.deadlines,
      c.next_due_at as "nextDueAt", c.countries, c.initiator_country as "initiatorCountry", c.parties, c.started_at as "startedAt"
    from cases c where ${where}
    order by (select min(l.value ->> 'due') from jsonb_each(c.lapsed) l) nulls last, c.next_due_at nulls last, c.id
    limit ${page.limit} offset ${page.offset}`)) as unknown as AttentionCase[];
  return { counts, cases: rows.map((r) => ({ ...r, nextDueAt: iso(r.nextDueAt), startedAt: iso(r.startedAt)! })) };
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export interface EscalationRow {
  caseId: string;
  procedureId: string;
  status: string;
  role: string;
  country: string;
  escalatedAt: string;
  handledBy: { login: string; authorityId: string; action: string; at: string } | null;
}

/** Escalations, newest first; handled by the first official of the escalated country who acted on the case after it. */
export async function escalations(
  db: Db,
  scope: SupervisionScope,
  filter: SupervisionFilter & { handled?: boolean },
  page: { limit: number; offset: number },
): Promise<{ total: number; escalations: EscalationRow[] }> {
  const handled = filter.handled === undefined ? sql`true` : filter.handled ? sql`h.action is not null` : sql`h.action is null`;
  const rows = (await db.execute(sql`
    select c.id as "caseId", c.procedure_id as "procedureId", c.status, e.value ->> 'role' as role, e.value ->> 'country' as country,
      (e.value ->> 'at')::timestamptz as "escalatedAt", h.actor_login as login, h.actor_authority_id as "authorityId", h.action, h.at,
      count(*) over ()::int as total
    from cases c
    cross join lateral jsonb_array_elements(c.escalations) e
    left join lateral (
      select ev.actor_login, ev.actor_authority_id, ev.action, ev.at from case_events ev
      join authorities a on a.id = ev.actor_authority_id
      where ev.case_id = c.id and ev.at >= (e.value ->> 'at')::timestamptz and a.country = e.value ->> 'country'
      order by ev.seq limit 1) h on true
    where c.escalations <> '[]'::jsonb and ${scopeCondition(scope)} and ${filterCondition(filter)} and ${handled}
    order by "escalatedAt" desc, c.id
    limit ${page.limit} offset ${page.offset}`)) as unknown as (EscalationRow & { login: string | null; authorityId: string | null; action: string | null; at: unknown; total: number })[];
  return {
    total: rows[0]?.total ?? 0,
    escalations: rows.map(({ login, authorityId, action, at, total: _t, ...r }) => ({
      ...r,
      escalatedAt: iso(r.escalatedAt)!,
      handledBy: action ? { login: login!, authorityId: authorityId!, action, at: iso(at)! } : null,
    })),
  };
}
