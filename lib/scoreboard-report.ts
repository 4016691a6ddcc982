/** Turns a year's figures into the scoreboard: each indicator's value and score, per country, with the sums behind them. */
import type { Figures, YearFigures } from '../db/scoreboard.js';
import { emptyFigures } from '../db/scoreboard.js';
import { INDICATORS, overallOf, scoreOf, type Indicator, type Rating, type Score, type ScoreboardRules } from '../policy-areas/scoreboard.js';

export interface IndicatorResult {
  /** A share (0..1) or, for answeringDays, days; null when there is nothing to measure. */
  value: number | null;
  score: Score | null;
  numerator: number;
  denominator: number;
}

export interface CountryScore {
  country: string;
  indicators: Record<Indicator, IndicatorResult> & { answeringDays: IndicatorResult & { byArea: Record<string, { value: number | null; replies: number }> } };
  total: number | null;
  rating: Rating | null;
}

const share = (n: number, d: number) => (d === 0 ? null : round(n / d, 4));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const days = (f: Figures) => (f.replies === 0 ? null : round(f.replyDays / f.replies, 1));

/** Numerator, denominator and value of each indicator; answeringDays is total days over replies. */
export function indicatorValues(f: Figures): Record<Indicator, Omit<IndicatorResult, 'score'>> {
  return {
    acceptance: { value: share(f.acceptedWithinWeek, f.received), numerator: f.acceptedWithinWeek, denominator: f.received },
    answeringDays: { value: days(f), numerator: round(f.replyDays, 2), denominator: f.replies },
    agreedDate: { value: share(f.answeredByAgreedDate, f.withAgreedDate), numerator: f.answeredByAgreedDate, denominator: f.withAgreedDate },
    timeliness: { value: share(f.timelinessNegative, f.timelinessAnswers), numerator: f.timelinessNegative, denominator: f.timelinessAnswers },
    efforts: { value: share(f.effortsNegative, f.effortsAnswers), numerator: f.effortsNegative, denominator: f.effortsAnswers },
  };
}

function byArea(areas: Map<string, Figures> | undefined) {
  return Object.fromEntries([...(areas ?? new Map<string, Figures>())].sort(([a], [b]) => a.localeCompare(b)).map(([area, f]) => [area, { value: days(f), replies: f.replies }]));
}

/** Every country of `countries` appears, those without requests with empty figures and no rating. */
export function buildScoreboard(figures: YearFigures, rules: ScoreboardRules, countries: readonly string[]) {
  const rows: CountryScore[] = countries.map((country) => {
    const values = indicatorValues(figures.byCountry.get(country) ?? emptyFigures());
    const indicators = Object.fromEntries(
      INDICATORS.map((i) => [i, { ...values[i], score: scoreOf(rules, i, values[i].value) }]),
    ) as Record<Indicator, IndicatorResult>;
    const answeringDays = { ...indicators.answeringDays, byArea: byArea(figures.byCountryArea.get(country)) };
    const { total, rating } = overallOf(rules, INDICATORS.map((i) => indicators[i].score));
    return { country, indicators: { ...indicators, answeringDays }, total, rating };
  });
  const eea = indicatorValues(figures.eea);
  return {
    countries: rows,
    /** The EEA-wide figures: all requests pooled, not an average of the countries' values. */
    eea: { ...eea, answeringDays: { ...eea.answeringDays, byArea: byArea(figures.eeaByArea) } },
    ratings: {
      'above-average': rows.filter((r) => r.rating === 'above-average').length,
      average: rows.filter((r) => r.rating === 'average').length,
      'below-average': rows.filter((r) => r.rating === 'below-average').length,
      none: rows.filter((r) => r.rating === null).length,
    },
  };
}
