/**
 * `npm run bench:search`: the multilingual authority search over an IMI-scale directory (13 000
 * authorities, 35 000 officials, generated with a fixed seed) in a private embedded PostgreSQL,
 * through the API in-process (Fastify, token check, SQL). Queries are what officials type:
 * competence terms in one language looking for authorities of a country speaking another, with
 * typos, without accents, name fragments, filters alone. The baseline, measured in the same run
 * over the same path, is reading one authority by id. Target: search p95 under 20 ms.
 *
 * Wall-clock latency on a shared machine includes waiting for a CPU, so each request's CPU time
 * (API process plus PostgreSQL backends) is reported beside it, and so is how busy the machine was.
 *
 *   npm run bench:search -- --queries 2000 --seed 2021 --note 'quiet machine'
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadVocabulary } from '../db/directory.js';
import { generateDirectory, insertDirectory, readDirectoryData } from '../db/generate-directory.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import { machineCpu } from './lib/cpu.js';
import { cpuClock } from './lib/request-cpu.js';
import { inProcessApi } from './lib/api.js';
import { withPrivateDatabase } from './lib/private-database.js';
import { queryMix } from './lib/search-queries.js';
import { writeReport } from './lib/search-report.js';
import { summarize } from './lib/stats.js';

const TARGET_P95_MS = 20;
const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    seed: { type: 'string', default: '2021' },
    /** Conditions worth recording with the figures (what else ran). */
    note: { type: 'string', default: '' },
  },
});
const queries = Number(values.queries);
const warmup = Number(values.warmup);
const seed = Number(values.seed);

await withPrivateDatabase('search', 4, async (database, dataDir) => {
  const [vocabulary, data, catalog] = await Promise.all([readCompetences(), readDirectoryData(), loadCatalog()]);
  await loadVocabulary(database.db, vocabulary);
  const t0 = performance.now();
  const directory = generateDirectory(data, vocabulary, { seed, allAreas: [...catalog.areas.keys()] });
  await insertDirectory(database.db, directory);
  const loadMs = performance.now() - t0;
  console.log(`bench: ${directory.authorities.length} authorities, ${directory.officials.length} officials loaded in ${Math.round(loadMs)} ms`);
  // insertDirectory vacuums: the GIN indexes' pending lists are merged, as in a directory in use.

  const { app, headers: headersOf } = await inProcessApi(database.db, catalog, `${dataDir}/key.json`);
  const reader = directory.officials[0];
  const headers = await headersOf(reader.login);
  const mix = queryMix(directory, vocabulary, data, queries + warmup, seed);

  const cpu = cpuClock();
  const timed = async (url: string) => {
    const c = cpu.now();
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    const ms = performance.now() - s;
    const cpuMs = cpu.now() - c;
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, cpuMs, body: res.json() as { items: { id: string }[]; total: number } };
  };
  const byKind = new Map<string, { ms: number[]; cpuMs: number[]; found: number; expectedInTop5: number; withExpectation: number }>();
  const baseline: number[] = [];
  let start = { busy: 0, total: 0, ownMs: 0, load: 0 };
  for (const [i, q] of mix.entries()) {
    if (i === warmup) {
      // The warm-up opened the pool's connections: from here their backends are counted (not
      // autovacuum's, which may pass by).
      const pool = await database.sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`;
      cpu.track(pool.map((r) => r.pid as number));
      start = { ...machineCpu(), ownMs: cpu.now(), load: os.loadavg()[0] };
    }
    const { ms, cpuMs, body } = await timed(q.url);
    const byId = await timed(`/v1/authorities/${directory.authorities[(i * 7919) % directory.authorities.length].id}`);
    if (i < warmup) continue;
    baseline.push(byId.ms);
    const k = byKind.get(q.kind) ?? { ms: [], cpuMs: [], found: 0, expectedInTop5: 0, withExpectation: 0 };
    k.ms.push(ms);
    k.cpuMs.push(cpuMs);
    if (body.items.length) k.found += 1;
    if (q.expect) {
      k.withExpectation += 1;
      if (body.items.slice(0, 5).some((a) => q.expect!.includes(a.id))) k.expectedInTop5 += 1;
    }
    byKind.set(q.kind, k);
  }
  const end = machineCpu();
  // Of all CPUs' time during the measured queries: busy in total, and busy with something else.
  const busy = (end.busy - start.busy) / (end.total - start.total);
  const conditions = {
    machineBusy: busy,
    otherBusy: busy - (cpu.now() - start.ownMs) / (end.total - start.total),
    loadAverage: [start.load, os.loadavg()[0]],
    backendsCounted: cpu.backends,
    note: values.note,
  };
  await app.close();

  const all = summarize([...byKind.values()].flatMap((k) => k.ms));
  const allCpu = summarize([...byKind.values()].flatMap((k) => k.cpuMs));
  const base = summarize(baseline);
  const kinds = Object.fromEntries(
    [...byKind].map(([kind, k]) => [
      kind,
      { latency: summarize(k.ms), cpu: summarize(k.cpuMs), found: k.found / k.ms.length, expectedInTop5: k.withExpectation ? k.expectedInTop5 / k.withExpectation : null },
    ]),
  );
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: { queries, warmup, seed },
    directory: { authorities: directory.authorities.length, officials: directory.officials.length, loadMs: Math.round(loadMs) },
    conditions,
    search: all,
    searchCpu: allCpu,
    baselineById: base,
    ratioP50: all.p50 / base.p50,
    ratioP95: all.p95 / base.p95,
    kinds,
    target: { p95Ms: TARGET_P95_MS, met: all.p95 < TARGET_P95_MS },
  };
  await writeReport(result, kinds, TARGET_P95_MS);
});
