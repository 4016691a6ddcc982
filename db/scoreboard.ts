/**
 * The scoreboard's figures for one year, per responding country, from exchange_facts (which
 * migration 0005 derives from the recorded events). One aggregate query: grouping sets give the
 * per-country, per-country-and-area and EEA-wide figures in a single pass over the year's rows.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

/** Counts behind the five indicators for one group of requests. */
export interface Figures {
  /** Indicator 1: requests received whose first week is over (or accepted within it), minus those withdrawn within the week unaccepted. */
  received: number;
  acceptedWithinWeek: number;
  /** Indicator 2: replies and the days they took in total (calendar days, fractional). */
  replies: number;
  replyDays: number;
  /** Indicator 3: requests with an agreed date that were answered or whose date has passed, and those answered by it. */
  withAgreedDate: number;
  answeredByAgreedDate: number;
  /** Indicators 4 and 5: survey answers and the negative ones. */
  timelinessAnswers: number;
  timelinessNegative: number;
  effortsAnswers: number;
  effortsNegative: number;
}

export interface YearFigures {
  byCountry: Map<string, Figures>;
  /** Indicator 2 per legal area, per country. */
  byCountryArea: Map<string, Map<string, Figures>>;
  eea: Figures;
  eeaByArea: Map<string, Figures>;
}

export const emptyFigures = (): Figures => ({
  received: 0,
  acceptedWithinWeek: 0,
  replies: 0,
  replyDays: 0,
  withAgreedDate: 0,
  answeredByAgreedDate: 0,
  timelinessAnswers: 0,
  timelinessNegative: 0,
  effortsAnswers: 0,
  effortsNegative: 0,
});

type Row = Figures & { country: string | null; area: string | null; gc: number; ga: number };

/** `now` decides which requests are still open questions (first week not over, agreed date not passed). */
export async function scoreboardFigures(db: Db, year: number, now: Date, negativeRatingAtMost: number): Promise<YearFigures> {
  const week = sql`interval '7 days'`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const withdrawnUnaccepted = sql`(withdrawn_at is not null and withdrawn_at <= sent_at + ${week} and (accepted_at is null or accepted_at > withdrawn_at))`;
  const agreedEnd = sql`((agreed_reply_by + 1)::timestamp at time zone 'UTC')`;
  const rows = (await db.execute(sql`
    select responding_country as country, area, grouping(responding_country)::int as gc, grouping(area)::int as ga,
      count(*) filter (where counts_acceptance and not ${withdrawnUnaccepted}
        and (accepted_at <= sent_at + ${week} or sent_at + ${week} <= ${at}))::int as "received",
      count(*) filter (where counts_acceptance and not ${withdrawnUnaccepted} and accepted_at <= sent_at + ${week})::int as "acceptedWithinWeek",
      count(*) filter (where counts_reply and replied_at is not null)::int as "replies",
      coalesce(sum(extract(epoch from replied_at - sent_at) / 86400) filter (where counts_reply and replied_at is not null), 0)::float8 as "replyDays",
      count(*) filter (where counts_reply and agreed_reply_by is not null
        and (replied_at is not null or (withdrawn_at is null and ${agreedEnd} <= ${at})))::int as "withAgreedDate",
      count(*) filter (where counts_reply and agreed_reply_by is not null and replied_at < ${agreedEnd})::int as "answeredByAgreedDate",
      count(rating_timeliness) filter (where counts_survey)::int as "timelinessAnswers",
      count(*) filter (where counts_survey and rating_timeliness <= ${negativeRatingAtMost})::int as "timelinessNegative",
      count(rating_efforts) filter (where counts_survey)::int as "effortsAnswers",
      count(*) filter (where counts_survey and rating_efforts <= ${negativeRatingAtMost})::int as "effortsNegative"
    from exchange_facts
    where year = ${year} and responding_country is not null and (counts_acceptance or counts_reply or counts_survey)
    group by grouping sets ((responding_country), (responding_country, area), (area), ())
  `)) as unknown as Row[];

  const out: YearFigures = { byCountry: new Map(), byCountryArea: new Map(), eea: emptyFigures(), eeaByArea: new Map() };
  for (const { country, area, gc, ga, ...f } of rows) {
    if (gc === 1 && ga === 1) out.eea = f;
    else if (gc === 1) out.eeaByArea.set(area!, f);
    else if (ga === 1) out.byCountry.set(country!, f);
    else {
      const areas = out.byCountryArea.get(country!) ?? new Map<string, Figures>();
      out.byCountryArea.set(country!, areas.set(area!, f));
    }
  }
  return out;
}
