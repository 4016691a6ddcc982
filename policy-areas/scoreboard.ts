/**
 * The scoreboard's scoring rules: per-indicator thresholds and the overall rating (imi.md §5.1–5.2).
 * Pure; the thresholds are data in scoreboard.json so a policy owner can change them.
 */
import { readFile } from 'node:fs/promises';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const INDICATORS = ['acceptance', 'answeringDays', 'agreedDate', 'timeliness', 'efforts'] as const;
export type Indicator = (typeof INDICATORS)[number];

const Bound = Type.Union([
  Type.Object({ atLeast: Type.Number() }, { additionalProperties: false }),
  Type.Object({ below: Type.Number() }, { additionalProperties: false }),
  Type.Object({ above: Type.Number() }, { additionalProperties: false }),
]);
const Thresholds = Type.Object({ green: Bound, red: Bound }, { additionalProperties: false });

export const ScoreboardRules = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    /** Survey ratings are 1–5; this one and lower count as negative. */
    negativeRatingAtMost: Type.Integer({ minimum: 1, maximum: 4 }),
    indicators: Type.Object(Object.fromEntries(INDICATORS.map((i) => [i, Thresholds])) as Record<Indicator, typeof Thresholds>, {
      additionalProperties: false,
    }),
    overall: Type.Object({ aboveAverageFrom: Type.Integer(), belowAverageUpTo: Type.Integer() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ScoreboardRules = Static<typeof ScoreboardRules>;
type BoundRule = Static<typeof Bound>;

export type Score = 1 | 0 | -1;
export type Rating = 'above-average' | 'average' | 'below-average';

const RULES_FILE = new URL('./scoreboard.json', import.meta.url);

/** Reads and checks the rules; a broken file stops the start with the reason, not a wrong scoreboard. */
export async function loadScoreboardRules(file: URL | string = RULES_FILE): Promise<ScoreboardRules> {
  const data: unknown = JSON.parse(await readFile(file, 'utf8'));
  const errors = [...Value.Errors(ScoreboardRules, data)].map((e) => `${e.path || '/'}: ${e.message}`);
  if (errors.length) throw new Error(`${String(file)} is not valid scoreboard rules: ${errors.join('; ')}`);
  const rules = data as ScoreboardRules;
  if (rules.overall.belowAverageUpTo >= rules.overall.aboveAverageFrom) {
    throw new Error(`${String(file)}: overall.belowAverageUpTo must be below overall.aboveAverageFrom`);
  }
  return rules;
}

function holds(bound: BoundRule, value: number): boolean {
  if ('atLeast' in bound) return value >= bound.atLeast;
  if ('below' in bound) return value < bound.below;
  return value > bound.above;
}

/** Green +1, red -1, otherwise yellow 0; no figure, no score. Green is tested first. */
export function scoreOf(rules: ScoreboardRules, indicator: Indicator, value: number | null): Score | null {
  if (value === null) return null;
  const t = rules.indicators[indicator];
  if (holds(t.green, value)) return 1;
  if (holds(t.red, value)) return -1;
  return 0;
}

/**
 * The sum of the scores a country has, and its rating. Indicators without data (no survey answered,
 * no request received) add nothing; a country with no figure at all has no rating.
 */
export function overallOf(rules: ScoreboardRules, scores: (Score | null)[]): { total: number | null; rating: Rating | null } {
  const known = scores.filter((s): s is Score => s !== null);
  if (known.length === 0) return { total: null, rating: null };
  const total = known.reduce<number>((a, b) => a + b, 0);
  const rating = total >= rules.overall.aboveAverageFrom ? 'above-average' : total <= rules.overall.belowAverageUpTo ? 'below-average' : 'average';
  return { total, rating };
}
