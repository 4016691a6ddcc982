import { Type } from '@sinclair/typebox';
import { scoreboardFigures } from '../../db/scoreboard.js';
import { usageStatistics, type Usage } from '../../db/statistics.js';
import { buildScoreboard, type CountryScore } from '../../lib/scoreboard-report.js';
import { EEA_COUNTRIES } from '../../lib/countries.js';
import { INDICATORS, loadScoreboardRules, type ScoreboardRules } from '../../policy-areas/scoreboard.js';
import type { App, AppDeps, Authenticate } from '../app.js';
import { invalidFields } from '../errors.js';
import { problemResponses } from '../schemas.js';
import { csv } from '../csv.js';

const FIRST_YEAR = 2008; // IMI's first exchanges
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: one table as text/csv' }));
const ScoreboardQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: FIRST_YEAR, description: 'Default: the last full year' })), format: Format },
  { additionalProperties: false },
);
const UsageQuery = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: FIRST_YEAR })),
    to: Type.Optional(Type.Integer({ minimum: FIRST_YEAR })),
    format: Format,
    table: Type.Optional(Type.Union([Type.Literal('by-area'), Type.Literal('by-kind'), Type.Literal('by-sending-country')], { description: 'With format=csv' })),
  },
  { additionalProperties: false },
);

const Num = Type.Union([Type.Number(), Type.Null()]);
const Score = Type.Union([Type.Literal(1), Type.Literal(0), Type.Literal(-1), Type.Null()]);
const Figure = {
  value: Type.Union([Type.Number(), Type.Null()], { description: 'A share (0..1), or days for answeringDays; null without data' }),
  numerator: Type.Number(),
  denominator: Type.Number(),
};
const ByArea = Type.Record(Type.String(), Type.Object({ value: Num, replies: Type.Integer() }));
const Plain = Type.Object(Figure);
const Scored = Type.Object({ ...Figure, score: Score });
const Indicators = <T extends typeof Plain | typeof Scored>(x: T) =>
  Type.Object({
    acceptance: x,
    answeringDays: Type.Intersect([x, Type.Object({ byArea: ByArea })]),
    agreedDate: x,
    timeliness: x,
    efforts: x,
  });
const Scoreboard = Type.Object({
  year: Type.Integer(),
  asOf: Type.String(),
  scope: Type.Object({ areas: Type.Array(Type.String()), procedures: Type.Array(Type.String()) }),
  rules: Type.Unsafe<ScoreboardRules>({ type: 'object', description: 'The thresholds and rating rule applied (policy-areas/scoreboard.json)' }),
  countries: Type.Array(
    Type.Object({
      country: Type.String(),
      indicators: Indicators(Scored),
      total: Num,
      rating: Type.Union([Type.Literal('above-average'), Type.Literal('average'), Type.Literal('below-average'), Type.Null()]),
    }),
  ),
  eea: Indicators(Plain),
  ratings: Type.Object({ 'above-average': Type.Integer(), average: Type.Integer(), 'below-average': Type.Integer(), none: Type.Integer() }),
});
const Usage = Type.Object({
  years: Type.Array(Type.Integer()),
  byArea: Type.Array(Type.Object({ year: Type.Integer(), area: Type.String(), exchanges: Type.Integer() })),
  byKind: Type.Array(Type.Object({ year: Type.Integer(), kind: Type.String(), exchanges: Type.Integer() })),
  requestsBySendingCountry: Type.Array(Type.Object({ year: Type.Integer(), country: Type.String(), requests: Type.Integer() })),
});
const Csv = Type.String({ description: 'text/csv with format=csv' });

/** One line per country, every figure behind its rating. */
function scoreboardCsv(rows: CountryScore[]): string {
  const header = ['country', 'rating', 'total', ...INDICATORS.flatMap((i) => [`${i}_value`, `${i}_score`, `${i}_numerator`, `${i}_denominator`])];
  return csv(header, rows.map((r) => [r.country, r.rating, r.total, ...INDICATORS.flatMap((i) => {
    const x = r.indicators[i];
    return [x.value, x.score, x.numerator, x.denominator];
  })]));
}

function usageCsv(usage: Usage, table: 'by-area' | 'by-kind' | 'by-sending-country'): string {
  if (table === 'by-area') return csv(['year', 'area', 'exchanges'], usage.byArea.map((r) => [r.year, r.area, r.exchanges]));
  if (table === 'by-kind') return csv(['year', 'kind', 'exchanges'], usage.byKind.map((r) => [r.year, r.kind, r.exchanges]));
  return csv(['year', 'country', 'requests'], usage.requestsBySendingCountry.map((r) => [r.year, r.country, r.requests]));
}

export async function scoreboardRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const rules: ScoreboardRules = deps.scoreboardRules ?? (await loadScoreboardRules());
  const now = () => new Date(deps.clock?.() ?? Date.now());
  // The facts count every procedure whose definition has a scoreboard block (liaison_refresh_exchange_facts).
  const scope = [...deps.catalog.procedures.values()].filter((d) => d.scoreboard);

  app.get(
    '/v1/scoreboard',
    {
      onRequest: authenticate,
      schema: {
        tags: ['scoreboard'],
        description:
          "The five IMI indicators per EEA country for one year, from the recorded events of the year's information requests in the scoreboard's areas, " +
          'each scored green (+1), yellow (0) or red (-1) with the configured thresholds, and the overall rating. Every figure behind a value is given. ' +
          'Requests still inside their first week, or before their agreed date, are not counted yet. Open to every official, as the published scoreboard is.',
        querystring: ScoreboardQuery,
        response: { 200: Type.Union([Scoreboard, Csv]), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const asOf = now();
      const year = request.query.year ?? asOf.getUTCFullYear() - 1;
      const figures = await scoreboardFigures(deps.db, year, asOf, rules.negativeRatingAtMost);
      const board = buildScoreboard(figures, rules, EEA_COUNTRIES);
      if (request.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="scoreboard-${year}.csv"`).send(scoreboardCsv(board.countries));
      }
      return {
        year,
        asOf: asOf.toISOString(),
        scope: { areas: [...new Set(scope.map((d) => d.area))].sort(), procedures: scope.map((d) => d.id).sort() },
        rules,
        ...board,
      };
    },
  );

  app.get(
    '/v1/statistics/usage',
    {
      onRequest: authenticate,
      schema: {
        tags: ['scoreboard'],
        description:
          'Usage since the start of the data: exchanges per legal area and year, per kind (requests, alerts, notifications…) and year, ' +
          'and requests by sending country and year. JSON, or one table as CSV (`format=csv&table=…`).',
        querystring: UsageQuery,
        response: { 200: Type.Union([Usage, Csv]), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { from, to, format, table } = request.query;
      if (from !== undefined && to !== undefined && from > to) throw invalidFields([{ path: '/from', message: `must not be after to (${to})` }]);
      const usage = await usageStatistics(deps.db, { fromYear: from, toYear: to });
      if (format === 'csv') {
        const t = table ?? 'by-area';
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="usage-${t}.csv"`).send(usageCsv(usage, t));
      }
      return usage;
    },
  );
}
