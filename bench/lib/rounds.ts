/**
 * Two paths measured in alternating rounds (A B B A ...), so that drift in the machine's load (other
 * processes, the server's growing state, JIT warm-up) touches both alike, with the CPU time of each
 * process tree attributed to the path that ran meanwhile.
 */
import { cpuDelta, cpuSnapshot, machineCpu } from './cpu.js';
import { runBatch, STEPS, type BatchResult, type CaseTiming } from './flows.js';
import { summarize, type Summary } from './stats.js';

export interface RoundRow {
  path: string;
  round: number;
  cases: number;
  wallMs: number;
  casesPerSec: number;
  workerCpuMsPerCase: number;
  /** CPU ms per case of each process tree in this round, `others` being the rest of the machine. */
  cpuMsPerCase: Record<string, number>;
}

export interface PathFigures {
  cases: number;
  errors: number;
  wallMs: number;
  casesPerSec: number;
  steps: Record<string, Summary>;
  /** CPU ms per case of each process tree while this path ran; `others` is the rest of the machine. */
  cpuMsPerCase: Record<string, number>;
  machineBusy: number;
}

export interface Alternation<P extends string> {
  figures: Record<P, PathFigures>;
  rounds: RoundRow[];
  errors: string[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The running order of `rounds` rounds of two paths: A B, B A, A B, ... */
export function abba<P extends string>([a, b]: readonly [P, P], rounds: number): P[] {
  return Array.from({ length: rounds }, (_, r) => (r % 2 === 0 ? [a, b] : [b, a])).flat();
}

export async function alternate<P extends string>(opts: {
  paths: readonly [P, P];
  cases: number;
  rounds: number;
  concurrency: number;
  run: Record<P, () => Promise<CaseTiming>>;
  roots: Record<string, number | undefined>;
  log: (msg: string) => void;
  /** Called after each round; throw to stop (e.g. a service died). */
  check?: () => void;
}): Promise<Alternation<P>> {
  const batches = {} as Record<P, BatchResult[]>;
  const cpu = {} as Record<string, Record<string, number>>;
  const machine = {} as Record<P, { busy: number; total: number }>;
  for (const p of opts.paths) [batches[p], cpu[p], machine[p]] = [[], {}, { busy: 0, total: 0 }];
  const rounds: RoundRow[] = [];
  const errors: string[] = [];
  const done = {} as Record<P, number>;
  for (const path of abba(opts.paths, opts.rounds)) {
    const round = batches[path].length;
    const n = Math.floor((opts.cases * (round + 1)) / opts.rounds) - (done[path] ?? 0);
    const before = cpuSnapshot(opts.roots);
    const m0 = machineCpu();
    const b = await runBatch(n, opts.concurrency, opts.run[path]);
    const used = cpuDelta(before, cpuSnapshot(opts.roots));
    const m1 = machineCpu();
    machine[path].busy += m1.busy - m0.busy;
    machine[path].total += m1.total - m0.total;
    for (const [k, v] of Object.entries(used)) cpu[path][k] = (cpu[path][k] ?? 0) + v;
    done[path] = (done[path] ?? 0) + n;
    batches[path].push(b);
    const row = {
      path,
      round: round + 1,
      cases: b.timings.length,
      wallMs: Math.round(b.wallMs),
      casesPerSec: r2(b.timings.length / (b.wallMs / 1000)),
      workerCpuMsPerCase: r1((used.worker ?? 0) / Math.max(1, b.timings.length)),
      cpuMsPerCase: perCase(used, m1.busy - m0.busy, b.timings.length),
    };
    rounds.push(row);
    opts.log(
      `bench: ${path.padEnd(11)} round ${row.round}: ${row.cases}/${n} cases in ${row.wallMs} ms = ${row.casesPerSec} cases/s, ` +
        `CPU ms/case ${JSON.stringify(row.cpuMsPerCase)}${b.errors.length ? `, ${b.errors.length} FAILED (${b.errors[0]})` : ''}`,
    );
    for (const e of b.errors.slice(0, 5)) errors.push(`${path}: ${e}`);
    opts.check?.();
  }
  const figures = {} as Record<P, PathFigures>;
  for (const p of opts.paths) figures[p] = pathFigures(batches[p], cpu[p], machine[p]);
  return { figures, rounds, errors };
}

function pathFigures(batches: BatchResult[], cpu: Record<string, number>, machine: { busy: number; total: number }): PathFigures {
  const timings = batches.flatMap((b) => b.timings);
  const wallMs = batches.reduce((s, b) => s + b.wallMs, 0);
  const steps: Record<string, Summary> = {};
  for (const step of [...STEPS, 'total'] as const) steps[step] = summarize(timings.map((t) => t[step]));
  return {
    cases: timings.length,
    errors: batches.reduce((s, b) => s + b.errors.length, 0),
    wallMs: Math.round(wallMs),
    casesPerSec: r2(timings.length / (wallMs / 1000)),
    steps,
    cpuMsPerCase: perCase(cpu, machine.busy, timings.length),
    machineBusy: Math.round((machine.busy / Math.max(1, machine.total)) * 1000) / 1000,
  };
}

function perCase(cpu: Record<string, number>, machineBusy: number, cases: number): Record<string, number> {
  const others = Math.max(0, machineBusy - Object.values(cpu).reduce((s, v) => s + v, 0));
  return Object.fromEntries(Object.entries({ ...cpu, others }).map(([k, v]) => [k, r1(v / Math.max(1, cases))]));
}

/** Throughput ratio a/b of each round pair (a's round i against b's round i): how steady the ratio is. */
export function perRoundRatio(rounds: RoundRow[], a: string, b: string, metric: 'casesPerSec' | 'workerCpuMsPerCase'): number[] {
  const of = (p: string) => rounds.filter((r) => r.path === p);
  return of(a).map((ra, i) => Math.round((ra[metric] / of(b)[i][metric]) * 1000) / 1000);
}

/** Other processes on the machine take CPU from both paths: say so when they took much. */
export function noisyPaths(figures: Record<string, PathFigures>): string[] {
  return Object.entries(figures).flatMap(([path, f]) => {
    const { others, ...own } = f.cpuMsPerCase;
    const ours = Object.values(own).reduce((x, v) => x + v, 0);
    return others > 0.2 * ours ? [`while the ${path} path ran, processes outside the bench used ${others} CPU ms per case (the bench's own: ${Math.round(ours)}): figures are noisy`] : [];
  });
}
