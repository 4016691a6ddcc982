/**
 * What open cases cost the worker in memory: many cases started and left waiting on their timers,
 * with the worker's RSS (from /proc) and JS heaps (from bench/lib/heap-probe.mjs, after a full GC)
 * sampled before and at checkpoints along the way.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpuDelta, cpuSnapshot } from './cpu.js';
import { summarize, type Summary } from './stats.js';

const MiB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** What bench/lib/heap-probe.mjs writes for each thread of the worker. */
export interface HeapReport {
  request: number;
  thread: number;
  main: boolean;
  /** Bytes, after a full GC when the worker runs with --expose-gc. */
  heapUsed: number;
  heapTotal: number;
  heapLimit: number;
  gc: boolean;
}

/** Resident memory of one process in bytes (all of it, and the anonymous part: heaps, not mapped files). */
export function residentBytes(pid: number | undefined): { rss: number; anon: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon') };
  } catch {
    return { rss: NaN, anon: NaN };
  }
}

/** Asks every thread running the probe for its heap after a GC; waits for the threads that answered before. */
export function heapProbe(dir: string) {
  let n = 0;
  const known = new Set<number>();
  return {
    dir,
    async prepare() {
      await mkdir(dir, { recursive: true });
    },
    async read(timeoutMs = 30_000): Promise<HeapReport[]> {
      n += 1;
      await writeFile(`${dir}/request`, String(n));
      const t0 = Date.now();
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const reports: HeapReport[] = [];
        for (const f of (await readdir(dir)).filter((x) => /^heap-\d+\.json$/.test(x))) {
          const r = JSON.parse(await readFile(`${dir}/${f}`, 'utf8').catch(() => '{}')) as HeapReport;
          if (r.request === n) reports.push(r);
        }
        const waited = Date.now() - t0;
        // The first time, give every thread a full second to show up; later, wait for the known ones.
        const complete = known.size > 0 ? [...known].every((t) => reports.some((r) => r.thread === t)) : waited > 1000 && reports.length > 0;
        if (complete || waited > timeoutMs) {
          for (const r of reports) known.add(r.thread);
          return reports.sort((a, b) => a.thread - b.thread);
        }
      }
    },
  };
}

export interface MemorySample {
  openCases: number;
  workerRssMiB: number;
  workerAnonMiB: number;
  /** JS heap used after a full GC: the worker's main thread, and its other threads (the workflow thread). */
  mainHeapMiB: number;
  threadHeapMiB: number;
  threads: number;
  /** The main thread's V8 heap limit, from which the SDK derives its default sticky cache size. */
  mainHeapLimitMiB: number;
  temporalRssMiB: number;
}

export interface OpenFigures {
  opened: number;
  errors: string[];
  /** Time spent starting cases, pauses for sampling excluded. */
  wallMs: number;
  casesPerSec: number;
  latencyMs: Summary;
  workerCpuMsPerCase: number;
  samples: MemorySample[];
}

export async function openAndSample(opts: {
  target: number;
  checkpoints: number[];
  concurrency: number;
  open: () => Promise<void>;
  workerPid: number | undefined;
  temporalPid: number | undefined;
  probe: ReturnType<typeof heapProbe>;
  /** Pause before sampling, so the last cases' workflow tasks and activities are done. */
  settleMs: number;
  log: (msg: string) => void;
  check: () => void;
}): Promise<OpenFigures> {
  const sample = async (openCases: number): Promise<MemorySample> => {
    await new Promise((r) => setTimeout(r, opts.settleMs));
    const heaps = await opts.probe.read();
    const w = residentBytes(opts.workerPid);
    const s: MemorySample = {
      openCases,
      workerRssMiB: mib(w.rss),
      workerAnonMiB: mib(w.anon),
      mainHeapMiB: mib(heaps.filter((h) => h.main).reduce((x, h) => x + h.heapUsed, 0)),
      threadHeapMiB: mib(heaps.filter((h) => !h.main).reduce((x, h) => x + h.heapUsed, 0)),
      threads: heaps.length,
      mainHeapLimitMiB: mib(heaps.find((h) => h.main)?.heapLimit ?? NaN),
      temporalRssMiB: mib(residentBytes(opts.temporalPid).rss),
    };
    opts.log(`bench: ${openCases} open cases: worker RSS ${s.workerRssMiB} MiB, JS heap ${s.mainHeapMiB} main + ${s.threadHeapMiB} workflow thread(s) MiB, Temporal RSS ${s.temporalRssMiB} MiB`);
    return s;
  };
  const samples = [await sample(0)];
  const latencies: number[] = [];
  const errors: string[] = [];
  let wallMs = 0;
  let cpuMs = 0;
  let done = 0;
  for (const checkpoint of [...new Set([...opts.checkpoints.filter((c) => c < opts.target), opts.target])].sort((a, b) => a - b)) {
    const n = checkpoint - done;
    let next = 0;
    const cpu0 = cpuSnapshot({ worker: opts.workerPid });
    const t0 = performance.now();
    const lane = async () => {
      while (next < n) {
        next += 1;
        const s0 = performance.now();
        try {
          await opts.open();
          latencies.push(performance.now() - s0);
        } catch (err) {
          errors.push((err as Error).message ?? String(err));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, n) }, lane));
    const ms = performance.now() - t0;
    wallMs += ms;
    cpuMs += cpuDelta(cpu0, cpuSnapshot({ worker: opts.workerPid })).worker;
    done = checkpoint;
    opts.log(`bench: opened ${done - errors.length}/${done} cases (${Math.round(n / (ms / 1000))}/s this stretch${errors.length ? `, ${errors.length} failed: ${errors[0]}` : ''})`);
    opts.check();
    samples.push(await sample(latencies.length));
  }
  return {
    opened: latencies.length,
    errors,
    wallMs: Math.round(wallMs),
    casesPerSec: Math.round((latencies.length / (wallMs / 1000)) * 100) / 100,
    latencyMs: summarize(latencies),
    workerCpuMsPerCase: Math.round((cpuMs / Math.max(1, latencies.length)) * 10) / 10,
    samples,
  };
}
