/**
 * The workflow code alone: completed cases' histories replayed in this process against a fresh
 * bundle of workflows/, one after another. No server, no PostgreSQL, no network: the figure moves
 * only with the workflow code, the history it replays and the load on this machine's CPUs.
 */
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { workflowsPath } from '../../worker/create-worker.js';
import { summarize, type Summary } from './stats.js';

export interface ReplayFigures {
  histories: number;
  /** Timed replays (the warm-up pass left out). */
  replays: number;
  ms: Summary;
  cpuMsPerReplay: number;
  eventsPerHistory: number;
  /** Mean size of a history as JSON, the workflow input (the whole definition) included. */
  jsonBytesPerHistory: number;
}

export interface FetchedHistory {
  workflowId: string;
  history: History;
}

export async function fetchHistories(client: Client, workflowIds: string[], concurrency = 8): Promise<FetchedHistory[]> {
  const out: FetchedHistory[] = [];
  let next = 0;
  const lane = async () => {
    while (next < workflowIds.length) {
      const workflowId = workflowIds[next++];
      out.push({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

export async function bundle(): Promise<{ bundle: WorkflowBundle; ms: number; bytes: number }> {
  const t0 = performance.now();
  const b = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  return { bundle: b, ms: Math.round(performance.now() - t0), bytes: b.code.length };
}

export interface ReplayRound {
  round: number;
  meanMs: Record<string, number>;
  /** Mean ms per replay of the first path over the second's, in this round. */
  ratio: number;
}

/**
 * One replay worker for everything, fed the two kinds' histories interleaved (a b, b a, ...), so
 * JIT warm-up and drift in the machine's load touch both kinds alike. A first untimed pass over a
 * few of each pays for creating the worker and warming the code up.
 */
export async function replayRounds<P extends string>(opts: {
  workflowBundle: WorkflowBundle;
  paths: readonly [P, P];
  sets: Record<P, FetchedHistory[]>;
  rounds: number;
  warmup?: number;
  log: (msg: string) => void;
}): Promise<{ figures: Record<P, ReplayFigures>; rounds: ReplayRound[]; errors: string[] }> {
  const [a, b] = opts.paths;
  const n = Math.min(opts.sets[a].length, opts.sets[b].length);
  const order: { path: P; round: number; h: FetchedHistory }[] = [];
  for (let k = 0; k < Math.max(1, Math.min(opts.warmup ?? 5, n)); k++) order.push(...[a, b].map((path) => ({ path, round: 0, h: opts.sets[path][k] })));
  for (let round = 1; round <= opts.rounds; round++) {
    for (let k = 0; k < n; k++) order.push(...((k + round) % 2 ? [b, a] : [a, b]).map((path) => ({ path, round, h: opts.sets[path][k] })));
  }
  const times = { [a]: [], [b]: [] } as unknown as Record<P, { round: number; ms: number; cpuMs: number }[]>;
  const errors: string[] = [];
  const replays = Worker.runReplayHistories({ workflowBundle: opts.workflowBundle }, order.map(({ h }) => h));
  try {
    for (const { path, round, h } of order) {
      const [t0, cpu0] = [performance.now(), process.cpuUsage()];
      const r = await replays.next();
      const cpu = process.cpuUsage(cpu0);
      if (r.done) throw new Error(`the replay worker stopped before ${h.workflowId}`);
      if (r.value.error) errors.push(`replay of ${path} ${h.workflowId}: ${r.value.error.message}`);
      if (round > 0) times[path].push({ round, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
  } finally {
    await replays.return?.(undefined);
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const rounds: ReplayRound[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const meanMs = Object.fromEntries([a, b].map((p) => [p, r2(mean(times[p].filter((t) => t.round === round).map((t) => t.ms)))]));
    rounds.push({ round, meanMs, ratio: Math.round((meanMs[a] / meanMs[b]) * 1000) / 1000 });
    opts.log(`bench: replay round ${round}: ${n} histories each, ms per replay ${JSON.stringify(meanMs)}`);
  }
  const figures = {} as Record<P, ReplayFigures>;
  for (const p of opts.paths) {
    const set = opts.sets[p];
    figures[p] = {
      histories: set.length,
      replays: times[p].length,
      ms: summarize(times[p].map((t) => t.ms)),
      cpuMsPerReplay: r2(mean(times[p].map((t) => t.cpuMs))),
      eventsPerHistory: Math.round(mean(set.map((h) => h.history.events?.length ?? 0)) * 10) / 10,
      jsonBytesPerHistory: Math.round(mean(set.map((h) => historyToJSON(h.history).length))),
    };
  }
  return { figures, rounds, errors };
}
