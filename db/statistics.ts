/** Usage statistics over every exchange since the start of the data, by year (exchange_facts). */
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

export interface UsageFilter {
  fromYear?: number;
  toYear?: number;
}

export interface Usage {
  years: number[];
  byArea: { year: number; area: string; exchanges: number }[];
  byKind: { year: number; kind: string; exchanges: number }[];
  requestsBySendingCountry: { year: number; country: string; requests: number }[];
}

type Row = { year: number; area: string | null; kind: string | null; country: string | null; n: number; ga: number; gk: number; gc: number };

export async function usageStatistics(db: Db, filter: UsageFilter = {}): Promise<Usage> {
  const from = filter.fromYear ?? 0;
  const to = filter.toYear ?? 9999;
  // Requests are the one-to-one exchanges; alerts and notifications are counted by their kind.
  const rows = (await db.execute(sql`
    with f as (
      select year::int, area, kind, case when kind = 'request-reply' then requesting_country end as sender
      from exchange_facts where year between ${from} and ${to})
    select year, area, kind, sender as country, count(*)::int as n,
      grouping(area)::int as ga, grouping(kind)::int as gk, grouping(sender)::int as gc
    from f group by grouping sets ((year, area), (year, kind), (year, sender))
    order by year, area, kind, country
  `)) as unknown as Row[];
  const usage: Usage = { years: [], byArea: [], byKind: [], requestsBySendingCountry: [] };
  const years = new Set<number>();
  for (const r of rows) {
    years.add(r.year);
    if (r.ga === 0) usage.byArea.push({ year: r.year, area: r.area!, exchanges: r.n });
    else if (r.gk === 0) usage.byKind.push({ year: r.year, kind: r.kind!, exchanges: r.n });
    else if (r.gc === 0 && r.country !== null) usage.requestsBySendingCountry.push({ year: r.year, country: r.country, requests: r.n });
  }
  usage.years = [...years].sort((a, b) => a - b);
  return usage;
}
