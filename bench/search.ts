/**
 * `npm run bench:search`: the multilingual authority search over an IMI-scale directory (13 000
 * authorities, 35 000 officials, generated with a fixed seed) in a private embedded PostgreSQL,
 * through the API in-process (Fastify, token check, SQL). Queries are what officials type:
 * competence terms in one language looking for authorities of a country speaking another, with
 * typos, without accents, name fragments, filters alone. The baseline, measured in the same run
 * over the same path, is reading one authority by id. Target: search p95 under 20 ms.
 *
 *   npm run bench:search -- --queries 2000 --seed 2021
 */
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../api/app.js';
import { createAuthenticator } from '../api/auth.js';
import { createCaseGateway } from '../api/case-gateway.js';
import { createDatabase } from '../db/client.js';
import { loadVocabulary } from '../db/directory.js';
import { generateDirectory, insertDirectory, readDirectoryData } from '../db/generate-directory.js';
import { runMigrations } from '../db/migrate.js';
import { startEmbeddedPostgres } from '../lib/embedded-postgres.js';
import { freePort } from '../lib/ports.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import { loadTranslations } from '../policy-areas/i18n.js';
import { repoRoot } from '../scripts/lib/temporal-cli.js';
import { queryMix } from './lib/search-queries.js';
import { summarize, type Summary } from './lib/stats.js';

const TARGET_P95_MS = 20;
const { values } = parseArgs({
  options: { queries: { type: 'string', default: '2000' }, warmup: { type: 'string', default: '200' }, seed: { type: 'string', default: '2021' } },
});
const queries = Number(values.queries);
const warmup = Number(values.warmup);
const seed = Number(values.seed);

const dataDir = `${repoRoot}/.data/bench-search-${process.pid}`;
await mkdir(dataDir, { recursive: true });
const pg = await startEmbeddedPostgres({ dir: `${dataDir}/pg`, port: await freePort() });
const database = createDatabase(await pg.createDatabase('liaison_bench'), { max: 4 });
try {
  await runMigrations(database);
  const [vocabulary, data, catalog] = await Promise.all([readCompetences(), readDirectoryData(), loadCatalog()]);
  await loadVocabulary(database.db, vocabulary);
  const t0 = performance.now();
  const directory = generateDirectory(data, vocabulary, { seed, allAreas: [...catalog.areas.keys()] });
  await insertDirectory(database.db, directory);
  const loadMs = performance.now() - t0;
  console.log(`bench: ${directory.authorities.length} authorities, ${directory.officials.length} officials loaded in ${Math.round(loadMs)} ms`);

  const auth = await createAuthenticator('embedded', { audience: 'liaison', devKeyFile: `${dataDir}/key.json` });
  // Search never reaches Temporal; a lazy connection is never opened.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await buildApp({
    mode: 'embedded',
    db: database.db,
    temporal,
    gateway: createCaseGateway(temporal, { taskQueue: 'unused' }),
    catalog,
    translations: await loadTranslations(),
    auth,
    searchAttributes: false,
    dryRun: () => Promise.reject(new Error('not in this benchmark')),
  });
  const reader = directory.officials[0];
  const headers = { authorization: `Bearer ${(await auth.devIssuer!.issue(reader.login)).token}` };
  const mix = queryMix(directory, vocabulary, data, queries + warmup, seed);

  const timed = async (url: string) => {
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    const ms = performance.now() - s;
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, body: res.json() as { items: { id: string }[]; total: number } };
  };
  const byKind = new Map<string, { ms: number[]; found: number; expectedInTop5: number; withExpectation: number }>();
  const baseline: number[] = [];
  for (const [i, q] of mix.entries()) {
    const { ms, body } = await timed(q.url);
    const byId = await timed(`/v1/authorities/${directory.authorities[(i * 7919) % directory.authorities.length].id}`);
    if (i < warmup) continue;
    baseline.push(byId.ms);
    const k = byKind.get(q.kind) ?? { ms: [], found: 0, expectedInTop5: 0, withExpectation: 0 };
    k.ms.push(ms);
    if (body.items.length) k.found += 1;
    if (q.expect) {
      k.withExpectation += 1;
      if (body.items.slice(0, 5).some((a) => q.expect!.includes(a.id))) k.expectedInTop5 += 1;
    }
    byKind.set(q.kind, k);
  }
  await app.close();

  const all = summarize([...byKind.values()].flatMap((k) => k.ms));
  const base = summarize(baseline);
  const kinds = Object.fromEntries(
    [...byKind].map(([kind, k]) => [kind, { latency: summarize(k.ms), found: k.found / k.ms.length, expectedInTop5: k.withExpectation ? k.expectedInTop5 / k.withExpectation : null }]),
  );
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: { queries, warmup, seed },
    directory: { authorities: directory.authorities.length, officials: directory.officials.length, loadMs: Math.round(loadMs) },
    search: all,
    baselineById: base,
    ratioP50: all.p50 / base.p50,
    ratioP95: all.p95 / base.p95,
    kinds,
    target: { p95Ms: TARGET_P95_MS, met: all.p95 < TARGET_P95_MS },
  };
  await printAndWrite(result, kinds);
} finally {
  await database.close();
  await pg.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function printAndWrite(r: { search: Summary; baselineById: Summary; ratioP50: number; ratioP95: number; target: { met: boolean } } & Record<string, unknown>, kinds: Record<string, { latency: Summary; found: number; expectedInTop5: number | null }>) {
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
  const lines = [
    '# Authority search over an IMI-scale directory',
    '',
    `${r.at} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · ${JSON.stringify(r.directory)} · ${queries} queries after ${warmup} warm-up, seed ${seed}`,
    '',
    '| queries | n | p50 ms | p95 ms | p99 ms | found any | expected authority in top 5 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(kinds).map(([k, v]) => `| ${k} | ${v.latency.count} | ${v.latency.p50} | ${v.latency.p95} | ${v.latency.p99} | ${pct(v.found)} | ${pct(v.expectedInTop5)} |`),
    `| **all searches** | ${r.search.count} | ${r.search.p50} | ${r.search.p95} | ${r.search.p99} | | |`,
    `| baseline: one authority by id | ${r.baselineById.count} | ${r.baselineById.p50} | ${r.baselineById.p95} | ${r.baselineById.p99} | | |`,
    '',
    `Search / baseline: ×${r.ratioP50.toFixed(2)} at p50, ×${r.ratioP95.toFixed(2)} at p95. Target p95 < ${TARGET_P95_MS} ms: **${r.target.met ? 'PASS' : 'FAIL'}** (${r.search.p95} ms).`,
    '',
    'Latency is per request through the API in-process (Fastify routing, token check, PostgreSQL), without the network.',
  ];
  console.log(`\n${lines.join('\n')}\n`);
  return Promise.all([
    writeFile(`${repoRoot}/bench/results/search.md`, `${lines.join('\n')}\n`),
    writeFile(`${repoRoot}/bench/results/search.json`, `${JSON.stringify(r, null, 2)}\n`),
  ]);
}

