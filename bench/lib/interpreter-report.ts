/** Figures, console table and bench/results/interpreter.{json,md} of `npm run bench:interpreter`. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { repoRoot } from '../../scripts/lib/temporal-cli.js';
import { STEPS } from './flows.js';
import type { MemorySample, OpenFigures } from './memory.js';
import type { Kind } from './procedure-flows.js';
import type { ReplayFigures, ReplayRound } from './replay.js';
import type { Alternation, PathFigures } from './rounds.js';
import { perRoundRatio } from './rounds.js';
import type { ShutdownReport } from './stack.js';

export interface Results {
  cases: Alternation<Kind>;
  ratio: ReturnType<typeof ratios>;
  replay: { bundleMs: number; bundleBytes: number; figures: Record<Kind, ReplayFigures>; rounds: ReplayRound[]; errors: string[] };
  memory?: OpenFigures;
  cache: { workerSetsMaxCachedWorkflows: boolean };
  /** Size of each path's definition as JSON: it is part of every case's workflow input. */
  definitionBytes: Record<Kind, number>;
  db: { version: number; status: string; n: number }[];
  run: { opts: Record<string, unknown>; started: Date; startupMs: Record<string, number>; shutdown: ShutdownReport; errors: string[]; oddities: string[] };
}

const q = (a: number, b: number, digits = 3) => Math.round((a / b) * 10 ** digits) / 10 ** digits;
const fmt = (x: number | undefined, digits = 1) => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
/** CPU ms per case of the stack's own processes (not `others`). */
const stackCpu = (f: PathFigures) => Object.entries(f.cpuMsPerCase).filter(([k]) => k !== 'others').reduce((s, [, v]) => s + v, 0);

/** interpreter / hand-written: above 1 the interpreter costs more (latency, CPU) or does more (cases/s). */
export function ratios(cases: Alternation<Kind>, replay: { figures: Record<Kind, ReplayFigures>; rounds: ReplayRound[] }) {
  const [i, h] = [cases.figures.interpreter, cases.figures.handwritten];
  const [ri, rh] = [replay.figures.interpreter, replay.figures.handwritten];
  const steps = [...STEPS, 'total'];
  return {
    casesPerSec: q(i.casesPerSec, h.casesPerSec),
    p50: Object.fromEntries(steps.map((s) => [s, q(i.steps[s].p50, h.steps[s].p50, 2)])),
    p95: Object.fromEntries(steps.map((s) => [s, q(i.steps[s].p95, h.steps[s].p95, 2)])),
    workerCpuPerCase: q(i.cpuMsPerCase.worker, h.cpuMsPerCase.worker),
    stackCpuPerCase: q(stackCpu(i), stackCpu(h)),
    casesPerSecByRound: perRoundRatio(cases.rounds, 'interpreter', 'handwritten', 'casesPerSec'),
    workerCpuByRound: perRoundRatio(cases.rounds, 'interpreter', 'handwritten', 'workerCpuMsPerCase'),
    replayMs: q(ri.ms.mean, rh.ms.mean),
    replayP50: q(ri.ms.p50, rh.ms.p50),
    replayCpu: q(ri.cpuMsPerReplay, rh.cpuMsPerReplay),
    replayByRound: replay.rounds.map((r) => r.ratio),
  };
}

/** The SDK 1.24 default (worker-options.js, reuseV8Context on): 600 workflows per GiB of heap limit above 200 MiB. */
function cache(r: Results) {
  const limit = r.memory?.samples[0]?.mainHeapLimitMiB ?? NaN;
  const sdkDefault = Math.max(Math.floor((Math.max(limit - 200, 0) * 600) / 1024), 10);
  return { heapLimitMiB: limit, maxCachedWorkflows: Number.isFinite(limit) ? sdkDefault : undefined, overridden: r.cache.workerSetsMaxCachedWorkflows };
}

function memoryFigures(r: Results) {
  const m = r.memory;
  if (!m || m.samples.length < 2) return undefined;
  const [first, last] = [m.samples[0], m.samples.at(-1)!];
  const heap = (s: MemorySample) => s.mainHeapMiB + s.threadHeapMiB;
  const kib = (mib: number, n: number) => Math.round(((mib * 1024) / Math.max(1, n)) * 10) / 10;
  return {
    rssDeltaMiB: Math.round((last.workerRssMiB - first.workerRssMiB) * 10) / 10,
    rssKiBPerCase: kib(last.workerRssMiB - first.workerRssMiB, last.openCases),
    heapDeltaMiB: Math.round((heap(last) - heap(first)) * 10) / 10,
    heapKiBPerCase: kib(heap(last) - heap(first), last.openCases),
    /** Per case the worker keeps in memory: the open ones, up to the sticky cache's size. */
    rssKiBPerCachedCase: kib(last.workerRssMiB - first.workerRssMiB, Math.min(last.openCases, cache(r).maxCachedWorkflows ?? Infinity)),
    heapKiBPerCachedCase: kib(heap(last) - heap(first), Math.min(last.openCases, cache(r).maxCachedWorkflows ?? Infinity)),
    /** Growth per case between consecutive checkpoints: flat once the sticky cache is full. */
    byStretch: m.samples.slice(1).map((s, k) => {
      const prev = m.samples[k];
      return { upTo: s.openCases, rssKiB: kib(s.workerRssMiB - prev.workerRssMiB, s.openCases - prev.openCases), heapKiB: kib(heap(s) - heap(prev), s.openCases - prev.openCases) };
    }),
  };
}

function tableRows(r: Results): string[][] {
  const [i, h] = [r.cases.figures.interpreter, r.cases.figures.handwritten];
  const [ri, rh] = [r.replay.figures.interpreter, r.replay.figures.handwritten];
  const pp = (f: PathFigures, s: string) => `${fmt(f.steps[s].p50)} / ${fmt(f.steps[s].p95)}`;
  return [
    ['', 'interpreter', 'hand-written', 'interp / hand'],
    ['cases/s', fmt(i.casesPerSec, 2), fmt(h.casesPerSec, 2), fmt(r.ratio.casesPerSec, 3)],
    ...[...STEPS, 'total'].map((s) => [`${s} p50 / p95 ms`, pp(i, s), pp(h, s), `${fmt(r.ratio.p50[s], 2)} / ${fmt(r.ratio.p95[s], 2)}`]),
    ['worker CPU ms/case', fmt(i.cpuMsPerCase.worker), fmt(h.cpuMsPerCase.worker), fmt(r.ratio.workerCpuPerCase, 3)],
    ['stack CPU ms/case', fmt(stackCpu(i)), fmt(stackCpu(h)), fmt(r.ratio.stackCpuPerCase, 3)],
    ['replay ms/history (mean)', fmt(ri.ms.mean, 2), fmt(rh.ms.mean, 2), fmt(r.ratio.replayMs, 3)],
    ['replay ms/history (p50)', fmt(ri.ms.p50, 2), fmt(rh.ms.p50, 2), fmt(r.ratio.replayP50, 3)],
    ['replay CPU ms/history', fmt(ri.cpuMsPerReplay, 2), fmt(rh.cpuMsPerReplay, 2), fmt(r.ratio.replayCpu, 3)],
    ['history: events, JSON KiB', `${ri.eventsPerHistory}, ${fmt(ri.jsonBytesPerHistory / 1024)}`, `${rh.eventsPerHistory}, ${fmt(rh.jsonBytesPerHistory / 1024)}`, ''],
  ];
}

function memoryLines(r: Results): string[] {
  const m = r.memory;
  const mf = memoryFigures(r);
  const c = cache(r);
  if (!m || !mf) return ['Memory part not run (--open 0).'];
  const cacheText = c.overridden
    ? 'worker/create-worker.ts sets maxCachedWorkflows itself (value not visible to the bench)'
    : `SDK default: ${c.maxCachedWorkflows} workflows (heap limit ${fmt(c.heapLimitMiB, 0)} MiB, reuseV8Context)`;
  return [
    `Opened ${m.opened} interpreter cases in ${fmt(m.wallMs / 1000)} s (${fmt(m.casesPerSec, 1)}/s at ${r.run.opts.openConcurrency} in flight; ` +
      `p50 / p95 ${fmt(m.latencyMs.p50)} / ${fmt(m.latencyMs.p95)} ms; worker ${fmt(m.workerCpuMsPerCase)} CPU ms per case), ${m.errors.length} failed.`,
    `Sticky cache: ${cacheText}.`,
    `Worker RSS ${fmt(m.samples[0].workerRssMiB)} → ${fmt(m.samples.at(-1)!.workerRssMiB)} MiB (+${fmt(mf.rssDeltaMiB)} MiB: ${fmt(mf.rssKiBPerCase)} KiB per open case, ` +
      `${fmt(mf.rssKiBPerCachedCase)} KiB per cached case); JS heap after GC +${fmt(mf.heapDeltaMiB)} MiB (${fmt(mf.heapKiBPerCase)} KiB per open case, ${fmt(mf.heapKiBPerCachedCase)} per cached case).`,
    `Temporal dev server (in memory) RSS ${fmt(m.samples[0].temporalRssMiB)} → ${fmt(m.samples.at(-1)!.temporalRssMiB)} MiB.`,
    `Growth per case by stretch (RSS / JS heap KiB): ${mf.byStretch.map((s) => `up to ${s.upTo}: ${fmt(s.rssKiB)} / ${fmt(s.heapKiB)}`).join(', ')}.`,
  ];
}

export function printSummary(r: Results, log: (msg: string) => void): void {
  const rows = tableRows(r);
  const w = rows[0].map((_, k) => Math.max(...rows.map((row) => row[k].length)));
  log('');
  for (const row of rows) log(row.map((c, k) => (k === 0 ? c.padEnd(w[k]) : c.padStart(w[k]))).join('   '));
  log(`per round, interp/hand cases/s: ${r.ratio.casesPerSecByRound.join(', ')}; worker CPU: ${r.ratio.workerCpuByRound.join(', ')}; replay ms: ${r.ratio.replayByRound.join(', ')}`);
  for (const l of memoryLines(r)) log(l);
  log(`database: ${r.db.map((d) => `v${d.version} ${d.status} ${d.n}`).join(', ')}`);
}

const last = (r: Results) => r.memory!.samples.at(-1)!;

function interpretation(r: Results): string {
  const ra = r.ratio;
  const [i, h] = [r.cases.figures.interpreter, r.cases.figures.handwritten];
  const [ri, rh] = [r.replay.figures.interpreter, r.replay.figures.handwritten];
  const mf = memoryFigures(r);
  const c = cache(r);
  const x = (v: number) => `${fmt(v, 2)}×`;
  const spread = (v: number[]) => `${fmt(Math.min(...v), 2)}–${fmt(Math.max(...v), 2)}`;
  const byRound = (v: number[]) =>
    `${spread(v)} by round pair, ${Math.min(...v) > 1 ? 'above 1 in each' : Math.max(...v) < 1 ? 'below 1 in each' : 'on both sides of 1'}`;
  const biggest = Object.entries(i.cpuMsPerCase).filter(([k]) => k !== 'others').sort((a, b) => b[1] - a[1])[0];
  const noisy = Math.max(i.cpuMsPerCase.others, h.cpuMsPerCase.others) > 0.2 * stackCpu(h);
  return [
    `Replaying the same four steps, the interpreter's workflow code takes ${x(ra.replayMs)} the hand-written machine's time ` +
      `(${fmt(ri.ms.mean, 1)} vs ${fmt(rh.ms.mean, 1)} ms per history, ${byRound(ra.replayByRound)}; ${x(ra.replayCpu)} the CPU; both include the SDK's fixed cost of a replayed workflow): ` +
      `the measure of the code itself, with no server, database or network in it. Its histories are ${x(ri.jsonBytesPerHistory / rh.jsonBytesPerHistory)} as large for ` +
      `${ri.eventsPerHistory} vs ${rh.eventsPerHistory} events; the definition it carries in its input is ${x(r.definitionBytes.interpreter / r.definitionBytes.handwritten)} the v1 one. `,
    `On the live stack the worker spends ${x(ra.workerCpuPerCase)} the CPU per case (${byRound(ra.workerCpuByRound)}) and the whole stack ${x(ra.stackCpuPerCase)}, ` +
      `the largest share being ${biggest?.[0]}'s (${fmt(biggest?.[1], 0)} CPU ms per case). End to end the interpreter path ran at ${x(ra.casesPerSec)} the cases/s ` +
      `(${byRound(ra.casesPerSecByRound)}) with ${x(ra.p50.total)} the total p50 latency` +
      (noisy
        ? `, but processes outside the stack took ${fmt(i.cpuMsPerCase.others, 0)} CPU ms per case during its rounds against ${fmt(h.cpuMsPerCase.others, 0)} during the hand-written ones ` +
          `on this shared 2-core machine, and cases/s and latency carry that noise where the CPU-per-case ratios do not. `
        : '. '),
    mf && r.memory
      ? `With ${r.memory.opened} interpreter cases open the worker's RSS grew by ${fmt(mf.rssDeltaMiB, 0)} MiB and its JS heap by ${fmt(mf.heapDeltaMiB, 0)} MiB; ` +
        (c.maxCachedWorkflows && r.memory.opened > c.maxCachedWorkflows
          ? `only ${c.maxCachedWorkflows} stay in the sticky cache (about ${fmt(mf.heapKiBPerCachedCase, 0)} KiB of JS heap and ${fmt(mf.rssKiBPerCachedCase, 0)} KiB of RSS each), and an evicted case ` +
            `costs the worker nothing until its next task, which then replays its history; so the worker's memory follows the cache size, not the number of open cases (see the growth by stretch), ` +
            `while the open cases themselves live in Temporal's server (its RSS grew by ${fmt(((last(r).temporalRssMiB - r.memory.samples[0].temporalRssMiB) * 1024) / r.memory.opened, 0)} KiB per open case here). `
          : `all of them fit in the sticky cache (${c.maxCachedWorkflows ?? 'size unknown'}), so this is what keeping every open case in memory costs. `)
      : '',
  ].join('');
}

export async function writeResults(r: Results, log: (msg: string) => void): Promise<void> {
  const dir = `${repoRoot}/bench/results`;
  await mkdir(dir, { recursive: true });
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()} ${os.arch()}`, node: process.version };
  const { run, ...rest } = r;
  const json = {
    date: run.started.toISOString(),
    durationSec: Math.round((Date.now() - run.started.getTime()) / 100) / 10,
    machine,
    params: run.opts,
    startupMs: run.startupMs,
    ...rest,
    sticky: cache(r),
    memoryFigures: memoryFigures(r),
    shutdown: { ...run.shutdown.steps, leftovers: run.shutdown.leftovers },
    errors: run.errors,
    oddities: run.oddities,
  };
  await writeFile(`${dir}/interpreter.json`, `${JSON.stringify(json, null, 2)}\n`);
  const rows = tableRows(r);
  const o = run.opts;
  const md = [
    '# Interpreter (format 2) vs hand-written workflow (format 1)',
    '',
    `${json.date} · ${machine.cpus} × ${machine.cpuModel ?? 'CPU'} · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.platform} · run took ${fmt(json.durationSec / 60)} min`,
    '',
    `PQ information request, start → accept → reply → close with the bare Temporal client on the same worker: ${o.cases} cases per path, ` +
      `concurrency ${o.concurrency}, warm-up ${o.warmup}, ${o.rounds} alternating rounds; replay of ${o.histories} histories per kind, interleaved, ${o.replayRounds} passes; ` +
      (o.open ? `${o.open} open cases at ${o.openConcurrency} in flight, memory sampled at ${r.memory?.samples.map((x) => x.openCases).join(', ')} open.` : 'no open-cases part.'),
    '',
    `| ${rows[0].join(' | ')} |`,
    `|---|---:|---:|---:|`,
    ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`),
    '',
    `Ratios are interpreter / hand-written (latency ratios of p50 / of p95). Per round, cases/s: ${r.ratio.casesPerSecByRound.join(', ')}; ` +
      `worker CPU per case: ${r.ratio.workerCpuByRound.join(', ')}; replay ms: ${r.ratio.replayByRound.join(', ')}.`,
    '',
    '## Open cases',
    '',
    ...memoryLines(r).map((l) => `- ${l}`),
    '',
    ...(r.memory
      ? ['| open cases | worker RSS MiB | anon MiB | JS heap main MiB | JS heap workflow thread MiB | Temporal RSS MiB |', '|---:|---:|---:|---:|---:|---:|']
      : []),
    ...(r.memory?.samples.map((s) => `| ${s.openCases} | ${fmt(s.workerRssMiB)} | ${fmt(s.workerAnonMiB)} | ${fmt(s.mainHeapMiB)} | ${fmt(s.threadHeapMiB)} | ${fmt(s.temporalRssMiB)} |`) ?? []),
    '',
    '## Interpretation',
    '',
    interpretation(r),
    '',
    ...(run.errors.length ? ['Errors:', ...run.errors.map((e) => `- ${e}`), ''] : []),
    ...(run.oddities.length ? ['Odd:', ...run.oddities.map((e) => `- ${e}`), ''] : []),
  ].join('\n');
  await writeFile(`${dir}/interpreter.md`, md);
  log('bench: wrote bench/results/interpreter.json and interpreter.md');
}
