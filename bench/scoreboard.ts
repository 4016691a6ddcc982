/**
 * `npm run bench:scoreboard`: the year's scoreboard and the overdue list over IMI-scale data, in a
 * private embedded PostgreSQL, through the API in-process.
 *
 * Data: the IMI-scale directory, the seeded history 2016–2022 (about 420 000 exchanges, with their
 * events and facts), and open requests as they stand today (some overdue).
 * Scoreboard: `GET /v1/scoreboard?year=2021`, target under 1 s. Baseline in the same run: the same
 * request after re-deriving the year's facts from its events, which is what each request would
 * cost without the facts table. Both must give the same figures.
 * Overdue list: `GET /v1/supervision/overdue` for four supervisors' scopes, alone (baseline) and
 * under load: `--concurrency` readers while two writers record new cases through the recording
 * activity, as workflows do.
 *
 *   npm run bench:scoreboard -- --scale 1 --open 20000 --seconds 20
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadVocabulary } from '../db/directory.js';
import { insertDirectory } from '../db/generate-directory.js';
import { HISTORY_SEED, HISTORY_YEARS } from '../db/generate-history.js';
import { loadHistory } from '../db/load-history.js';
import { officials } from '../db/schema/index.js';
import { generateImiScaleDirectory } from '../db/seed.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import { repoRoot } from '../scripts/lib/temporal-cli.js';
import { inProcessApi } from './lib/api.js';
import { withPrivateDatabase } from './lib/private-database.js';
import { recordOpenCases } from './lib/open-cases.js';
import { summarize } from './lib/stats.js';
import { overdueUnderLoad } from './lib/overdue-load.js';
import { scoreboardReport } from './lib/scoreboard-report.js';

const TARGET_MS = 1000;
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    open: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
  },
});
const [scale, runs, open, seconds, concurrency] = ['scale', 'runs', 'open', 'seconds', 'concurrency'].map((k) => Number(values[k as keyof typeof values]));

await withPrivateDatabase('scoreboard', 12, async (database, dataDir) => {
  const [vocabulary, catalog] = await Promise.all([readCompetences(), loadCatalog()]);
  await loadVocabulary(database.db, vocabulary);
  const directory = await generateImiScaleDirectory();
  let t = performance.now();
  await insertDirectory(database.db, directory);
  console.log(`bench: directory loaded in ${Math.round(performance.now() - t)} ms`);
  const history = await loadHistory(database, [...catalog.procedures.values()], directory, { seed: HISTORY_SEED, years: HISTORY_YEARS, scale, log: console.log });
  const [{ exchanges, events, year }] = await database.sql<{ exchanges: number; events: number; year: number }[]>`
    select (select count(*) from cases)::int as exchanges, (select count(*) from case_events)::int as events,
      (select count(*) from exchange_facts where year = 2021)::int as year`;
  console.log(`bench: ${exchanges} exchanges, ${events} events (${year} in 2021), history loaded in ${Math.round(history.ms / 1000)} s`);

  const now = Date.now();
  t = performance.now();
  await recordOpenCases(database.db, directory, now, open, HISTORY_SEED);
  const openMs = performance.now() - t;
  await database.sql`analyze`;
  console.log(`bench: ${open} open cases recorded in ${Math.round(openMs / 1000)} s`);

  await database.db.insert(officials).values({ login: 'bench.imi', name: 'IMI team', authorityId: 'EU-COM', roles: ['official', 'imi-team'] });
  const api = await inProcessApi(database.db, catalog, `${dataDir}/key.json`);
  const imi = await api.headers('bench.imi');

  // Scoreboard: warm-up, then the request as served, then the same after re-deriving the year's facts.
  for (let i = 0; i < 3; i++) await api.timedGet(imi, '/v1/scoreboard?year=2021');
  const served: number[] = [];
  let figures: unknown;
  for (let i = 0; i < runs; i++) {
    const r = await api.timedGet(imi, '/v1/scoreboard?year=2021');
    served.push(r.ms);
    figures = (r.body as { countries: unknown }).countries;
  }
  const fromEvents: number[] = [];
  let same = true;
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 4)); i++) {
    const s = performance.now();
    await database.sql`select liaison_refresh_exchange_facts(array_agg(case_id)) from exchange_facts where year = 2021`;
    const r = await api.timedGet(imi, '/v1/scoreboard?year=2021');
    fromEvents.push(performance.now() - s);
    same &&= JSON.stringify((r.body as { countries: unknown }).countries) === JSON.stringify(figures);
  }
  await database.sql`vacuum analyze exchange_facts`;
  const usage: number[] = [];
  for (let i = 0; i < runs; i++) usage.push((await api.timedGet(imi, '/v1/statistics/usage')).ms);

  const overdue = await overdueUnderLoad(database, api, directory, { seconds, concurrency, seed: HISTORY_SEED });
  await api.app.close();

  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: { scale, runs, open, seconds, concurrency },
    data: { exchanges, events, exchanges2021: year, historyLoadMs: history.ms, openCases: open, openCasesMs: Math.round(openMs) },
    scoreboard: { served: summarize(served), fromEvents: summarize(fromEvents), sameFigures: same, usage: summarize(usage) },
    overdue,
    target: { scoreboardMs: TARGET_MS, met: summarize(served).max < TARGET_MS },
  };
  const lines = scoreboardReport(result);
  console.log(`\n${lines.join('\n')}\n`);
  await writeFile(`${repoRoot}/bench/results/scoreboard.md`, `${lines.join('\n')}\n`);
  await writeFile(`${repoRoot}/bench/results/scoreboard.json`, `${JSON.stringify(result, null, 2)}\n`);
});
