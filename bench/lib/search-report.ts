/** The report of `npm run bench:search`: a table per query group, conditions, the target verdict. */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { repoRoot } from '../../scripts/lib/temporal-cli.js';
import type { Summary } from './stats.js';

export type SearchResult = {
  at: string;
  directory: Record<string, number>;
  options: { queries: number; warmup: number; seed: number };
  search: Summary;
  searchCpu: Summary;
  baselineById: Summary;
  ratioP50: number;
  ratioP95: number;
  target: { met: boolean };
  conditions: { machineBusy: number; otherBusy: number; loadAverage: number[]; backendsCounted: boolean; note: string };
} & Record<string, unknown>;
export type KindFigures = { latency: Summary; cpu: Summary; found: number; expectedInTop5: number | null };

/** Prints the results and writes bench/results/search.{md,json}. */
export function writeReport(r: SearchResult, kinds: Record<string, KindFigures>, target: number) {
  const { queries, warmup, seed } = r.options;
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
  const verdict = (p95: number) => (p95 < target ? 'yes' : '**no**');
  const c = r.conditions;
  const lines = [
    '# Authority search over an IMI-scale directory',
    '',
    `${r.at} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · ${JSON.stringify(r.directory)} · ${queries} queries after ${warmup} warm-up, seed ${seed}`,
    '',
    `Conditions: the machine's CPUs were ${pct(c.machineBusy)} busy during the measured queries, ${pct(Math.max(0, c.otherBusy))} with other work than this benchmark; ` +
      `load average ${c.loadAverage.map((l) => l.toFixed(1)).join(' → ')}.${c.note ? ` ${c.note}` : ''}`,
    '',
    `| queries | n | p50 ms | p95 ms | p99 ms | p95 < ${target} ms | CPU ms p50 | CPU ms p95 | found any | expected authority in top 5 |`,
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    ...Object.entries(kinds).map(
      ([k, v]) => `| ${k} | ${v.latency.count} | ${v.latency.p50} | ${v.latency.p95} | ${v.latency.p99} | ${verdict(v.latency.p95)} | ${v.cpu.p50} | ${v.cpu.p95} | ${pct(v.found)} | ${pct(v.expectedInTop5)} |`,
    ),
    `| **all searches** | ${r.search.count} | ${r.search.p50} | ${r.search.p95} | ${r.search.p99} | ${verdict(r.search.p95)} | ${r.searchCpu.p50} | ${r.searchCpu.p95} | | |`,
    `| baseline: one authority by id | ${r.baselineById.count} | ${r.baselineById.p50} | ${r.baselineById.p95} | ${r.baselineById.p99} | | | | | |`,
    '',
    `Search / baseline: ×${r.ratioP50.toFixed(2)} at p50, ×${r.ratioP95.toFixed(2)} at p95. Target p95 < ${target} ms: **${r.target.met ? 'PASS' : 'FAIL'}** (${r.search.p95} ms).`,
    '',
    'Latency is per request through the API in-process (Fastify routing, token check, PostgreSQL), without the network. ' +
      `CPU is the time the API process and its PostgreSQL backends spent on the request${c.backendsCounted ? '' : ' (here without the backends: /proc was not readable)'}; ` +
      'unlike latency it does not grow while the request waits for a CPU other work holds.',
  ];
  console.log(`\n${lines.join('\n')}\n`);
  return Promise.all([
    writeFile(`${repoRoot}/bench/results/search.md`, `${lines.join('\n')}\n`),
    writeFile(`${repoRoot}/bench/results/search.json`, `${JSON.stringify(r, null, 2)}\n`),
  ]);
}
