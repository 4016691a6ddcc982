/**
 * `npm run bench`: what the HTTP API costs over the bare Temporal client, on the same server, the
 * same worker and the same task queue.
 *
 * Starts a private stack (embedded PostgreSQL, in-memory Temporal dev server, the worker and the
 * API as child processes, as production runs them), then runs N cases per path through
 * start → accept → reply → close:
 *   api:    POST /v1/cases and /v1/cases/:id/actions/* with two demo officials' bearer tokens;
 *   client: workflow start + the `opened` update, then one update per action, as the API's gateway does.
 * The paths take turns (A B B A ...) so drift in machine load touches both alike. Prints cases/s,
 * p50/p99 per step and the api/client ratios; writes bench/results/latest.{json,md}.
 *
 *   npm run bench -- --cases 200 --concurrency 10 --warmup 10 --rounds 4
 *
 * Exit code: 0 when everything ran (whether the target is met or not), 1 when something failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { findOfficial } from '../db/queries.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { repoRoot } from '../scripts/lib/temporal-cli.js';
import { cpuDelta, cpuSnapshot, machineCpu } from './lib/cpu.js';
import { actorOf } from '../api/idempotency.js';
import { apiCase, clientCase, devToken, runBatch, STEPS, type ApiContext, type BatchResult, type CaseTiming, type ClientContext } from './lib/flows.js';
import type { PathFigures } from './lib/rounds.js';
import { listProcesses } from './lib/services.js';
import { startStack, type ShutdownReport, type Stack } from './lib/stack.js';
import { summarize, type Summary } from './lib/stats.js';

const REQUESTER = 'anna.schmidt';
const RESPONDER = 'claire.martin';
const PROCEDURE = 'pq-information-request';
/** The API path must reach at least this share of the bare client's throughput. */
const TARGET_RATIO = 0.5;

type PathName = 'api' | 'client';

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '4' },
      'show-logs': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--cases N=200] [--concurrency C=10] [--warmup W=10] [--rounds R=4] [--show-logs]');
    process.exit(0);
  }
  const int = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${values[name]}`);
    return n;
  };
  const o = { cases: int('cases', 1), concurrency: int('concurrency', 1), warmup: int('warmup', 0), rounds: int('rounds', 1), showLogs: values['show-logs'] };
  if (o.rounds > o.cases) o.rounds = o.cases;
  return o;
}

const log = (msg: string) => console.log(msg);
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

function figures(batches: BatchResult[], cpu: Record<string, number>, machine: { busy: number; total: number }): PathFigures {
  const timings: CaseTiming[] = batches.flatMap((b) => b.timings);
  const wallMs = batches.reduce((s, b) => s + b.wallMs, 0);
  const steps: Record<string, Summary> = {};
  for (const step of [...STEPS, 'total'] as const) steps[step] = summarize(timings.map((t) => t[step]));
  return {
    cases: timings.length,
    errors: batches.reduce((s, b) => s + b.errors.length, 0),
    wallMs: Math.round(wallMs),
    casesPerSec: Math.round((timings.length / (wallMs / 1000)) * 100) / 100,
    steps,
    cpuMsPerCase: Object.fromEntries(
      Object.entries({ ...cpu, others: Math.max(0, machine.busy - Object.values(cpu).reduce((s, v) => s + v, 0)) }).map(([k, v]) => [
        k,
        Math.round((v / Math.max(1, timings.length)) * 10) / 10,
      ]),
    ),
    machineBusy: Math.round((machine.busy / Math.max(1, machine.total)) * 1000) / 1000,
  };
}

/** CPU ms per case of the stack's own processes (not `others`). */
const ownCpu = (f: PathFigures) => Object.entries(f.cpuMsPerCase).filter(([k]) => k !== 'others').reduce((s, [, v]) => s + v, 0);

async function main() {
  const opts = options();
  const started = new Date();
  const errors: string[] = [];
  const oddities: string[] = [];
  log(`bench: ${opts.cases} cases per path, concurrency ${opts.concurrency}, warm-up ${opts.warmup}, ${opts.rounds} round(s) per path, on ${os.cpus().length} CPU(s)`);

  const stack = await startStack(log);
  let connection: Connection | undefined;
  let result: Awaited<ReturnType<typeof measure>> | undefined;
  try {
    log(`bench: stack up in ${JSON.stringify(stack.timings)} ms`);
    connection = await Connection.connect({ address: stack.temporalAddress });
    result = await measure(stack, new Client({ connection, namespace: 'default' }), opts, errors, oddities);
  } catch (err) {
    errors.push(`run: ${(err as Error).stack ?? err}`);
  } finally {
    await connection?.close().catch(() => {});
  }
  const notable = { worker: stack.worker.notable(), api: stack.api.notable(), workerLines: stack.worker.lineCount(), apiLines: stack.api.lineCount() };
  const dead = stack.deadService();
  if (dead) errors.push(dead);

  log('bench: shutting down');
  const shutdown = await stack.stop();
  for (const [k, v] of Object.entries(shutdown.steps)) log(`  ${k}: ${v}`);
  if (!/^signal SIGTERM$|^exit code 0$/.test(shutdown.steps.api ?? '')) oddities.push(`API did not end cleanly on SIGTERM: ${shutdown.steps.api}`);
  if (!/^signal SIGTERM$|^exit code 0$/.test(shutdown.steps.worker ?? '')) oddities.push(`worker did not end cleanly on SIGTERM: ${shutdown.steps.worker}`);
  if (shutdown.leftovers.length) {
    errors.push(`processes left running: ${shutdown.leftovers.map((p) => `${p.pid} ${p.args}`).join('; ')}`);
  } else {
    log('  leftover processes: none');
  }
  if (opts.showLogs || errors.length) {
    for (const s of [stack.worker, stack.api]) log(`--- last lines of ${s.name} (${s.lineCount()} in all) ---\n${s.tail().slice(-40).join('\n')}`);
  }
  for (const [name, lines] of [['worker', notable.worker], ['api', notable.api]] as const) {
    if (lines.length) oddities.push(`${name} logged ${lines.length} warning/error-looking line(s), first: ${lines[0]}`);
  }

  if (result) await writeResults(opts, started, stack, result, shutdown, errors, oddities, notable);
  if (oddities.length) {
    log('\nOdd:');
    for (const o of oddities) log(`  - ${o}`);
  }
  if (errors.length) {
    console.error('\nErrors:');
    for (const e of errors) console.error(`  - ${e}`);
    process.exitCode = 1;
  }
}

async function measure(stack: Stack, client: Client, opts: ReturnType<typeof options>, errors: string[], oddities: string[]) {
  const [requester, responder] = await Promise.all([findOfficial(stack.database.db, REQUESTER), findOfficial(stack.database.db, RESPONDER)]);
  if (!requester || !responder) throw new Error(`demo officials ${REQUESTER}/${RESPONDER} not found after seeding`);
  if (requester.authority.country === responder.authority.country) throw new Error('the two demo officials must be in different countries');
  const procedure = (await loadCatalog()).procedures.get(PROCEDURE);
  if (!procedure) throw new Error(`procedure ${PROCEDURE} not in the catalog`);

  const apiCtx: ApiContext = {
    baseUrl: stack.apiUrl,
    requesterToken: await devToken(stack.apiUrl, REQUESTER),
    responderToken: await devToken(stack.apiUrl, RESPONDER),
    responderAuthorityId: responder.authorityId,
  };
  const clientCtx: ClientContext = {
    client,
    taskQueue: stack.taskQueue,
    procedure,
    requester: actorOf(requester),
    responder: actorOf(responder),
    searchAttributes: true,
  };
  const run: Record<PathName, () => Promise<CaseTiming>> = { api: () => apiCase(apiCtx), client: () => clientCase(clientCtx) };

  // Process trees whose CPU time is attributed to the path running at the time.
  const pgPid = listProcesses().find((p) => p.ppid === process.pid && p.args.includes(`${stack.dataDir}/pg`))?.pid;
  const roots = { bench: process.pid, api: stack.api.process.pid, worker: stack.worker.process.pid, temporal: undefined as number | undefined, postgres: pgPid };
  roots.temporal = listProcesses().find((p) => p.ppid === process.pid && p.args.includes('start-dev'))?.pid;

  if (opts.warmup > 0) {
    for (const path of ['api', 'client'] as const) {
      const w = await runBatch(opts.warmup, Math.min(opts.warmup, opts.concurrency), run[path]);
      if (w.errors.length) throw new Error(`warm-up of ${path} failed: ${w.errors[0]}`);
      log(`bench: warm-up ${path}: ${opts.warmup} cases in ${fmt(w.wallMs, 0)} ms`);
    }
  }

  const batches: Record<PathName, BatchResult[]> = { api: [], client: [] };
  const cpu: Record<PathName, Record<string, number>> = { api: {}, client: {} };
  const machine: Record<PathName, { busy: number; total: number }> = { api: { busy: 0, total: 0 }, client: { busy: 0, total: 0 } };
  const order: PathName[] = [];
  for (let r = 0; r < opts.rounds; r++) order.push(...((r % 2 === 0 ? ['api', 'client'] : ['client', 'api']) as PathName[]));
  const done: Record<PathName, number> = { api: 0, client: 0 };
  const rounds: { path: PathName; round: number; cases: number; wallMs: number; casesPerSec: number; machineBusy: number; othersCpuMsPerCase: number }[] = [];
  for (const path of order) {
    const round = batches[path].length;
    const n = Math.floor((opts.cases * (round + 1)) / opts.rounds) - done[path];
    const before = cpuSnapshot(roots);
    const machineBefore = machineCpu();
    const b = await runBatch(n, opts.concurrency, run[path]);
    const used = cpuDelta(before, cpuSnapshot(roots));
    const machineAfter = machineCpu();
    machine[path].busy += machineAfter.busy - machineBefore.busy;
    machine[path].total += machineAfter.total - machineBefore.total;
    for (const [k, v] of Object.entries(used)) cpu[path][k] = (cpu[path][k] ?? 0) + v;
    done[path] += n;
    batches[path].push(b);
    const busy = machineAfter.busy - machineBefore.busy;
    rounds.push({
      path,
      round: round + 1,
      cases: b.timings.length,
      wallMs: Math.round(b.wallMs),
      casesPerSec: Math.round((b.timings.length / (b.wallMs / 1000)) * 100) / 100,
      machineBusy: Math.round((busy / Math.max(1, machineAfter.total - machineBefore.total)) * 1000) / 1000,
      othersCpuMsPerCase: Math.round((Math.max(0, busy - Object.values(used).reduce((x, v) => x + v, 0)) / Math.max(1, b.timings.length)) * 10) / 10,
    });
    log(
      `bench: ${path.padEnd(6)} round ${round + 1}: ${b.timings.length}/${n} cases in ${fmt(b.wallMs, 0)} ms` +
        ` = ${fmt(b.timings.length / (b.wallMs / 1000))} cases/s${b.errors.length ? `, ${b.errors.length} FAILED (${b.errors[0]})` : ''}`,
    );
    for (const e of b.errors.slice(0, 5)) errors.push(`${path}: ${e}`);
    const dead = stack.deadService();
    if (dead) throw new Error(dead);
  }

  const api = figures(batches.api, cpu.api, machine.api);
  const clientFig = figures(batches.client, cpu.client, machine.client);
  for (const [name, f] of [['api', api], ['client', clientFig]] as const) {
    // Other processes on the machine take CPU from both paths; say so when they took much.
    const ours = ownCpu(f);
    if (f.cpuMsPerCase.others > 0.2 * ours) {
      oddities.push(`while the ${name} path ran, processes outside the bench used ${fmt(f.cpuMsPerCase.others)} CPU ms per case (the bench's own: ${fmt(ours)}): figures are noisy`);
    }
  }
  const ratio = {
    throughput: Math.round((api.casesPerSec / clientFig.casesPerSec) * 1000) / 1000,
    p50: Object.fromEntries([...STEPS, 'total'].map((s) => [s, Math.round((api.steps[s].p50 / clientFig.steps[s].p50) * 100) / 100])),
    /**
     * Client CPU per case over API CPU per case, all of the stack's processes counted: what the
     * throughput ratio tends to on a CPU-bound machine, and unaffected by other processes' load.
     */
    cpuCost: Math.round((ownCpu(clientFig) / ownCpu(api)) * 1000) / 1000,
    /** api/client throughput of each round pair (api round i against client round i): how steady the ratio is. */
    perRound: Array.from({ length: opts.rounds }, (_, i) => {
      const a = rounds.find((r) => r.path === 'api' && r.round === i + 1)!;
      const c = rounds.find((r) => r.path === 'client' && r.round === i + 1)!;
      return Math.round((a.casesPerSec / c.casesPerSec) * 1000) / 1000;
    }),
  };
  const pass = api.errors === 0 && clientFig.errors === 0 && ratio.throughput >= TARGET_RATIO;

  // What the system recorded should match what the bench did: every case closed, four events each.
  const expectedCases = 2 * (opts.warmup + opts.cases) - api.errors - clientFig.errors;
  const rows = await stack.database.db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from cases group by status order by status`);
  const [{ events }] = await stack.database.db.execute<{ events: number }>(sql`select count(*)::int as events from case_events`);
  const byStatus = Object.fromEntries([...rows].map((r) => [r.status, r.n]));
  const db = { byStatus, events, expectedClosed: expectedCases, expectedEvents: expectedCases * 4 };
  if (byStatus.closed !== expectedCases || Object.keys(byStatus).length !== 1) {
    errors.push(`database: expected ${expectedCases} closed cases, found ${JSON.stringify(byStatus)}`);
  }
  if (events !== expectedCases * 4) oddities.push(`database: ${events} case events for ${expectedCases} cases (expected 4 each)`);

  // Print
  log('');
  log(`path     cases/s   ${STEPS.map((s) => `${s} p50/p99 ms`.padEnd(20)).join('')}total p50/p99 ms`);
  for (const [name, f] of [['api', api], ['client', clientFig]] as const) {
    log(
      `${name.padEnd(8)} ${fmt(f.casesPerSec, 2).padStart(7)}   ` +
        STEPS.map((s) => `${fmt(f.steps[s].p50)} / ${fmt(f.steps[s].p99)}`.padEnd(20)).join('') +
        `${fmt(f.steps.total.p50)} / ${fmt(f.steps.total.p99)}`,
    );
  }
  log(
    `api/client ${fmt(ratio.throughput, 3).padStart(5)}   ` +
      STEPS.map((s) => `p50 x${fmt(ratio.p50[s], 2)}`.padEnd(20)).join('') +
      `p50 x${fmt(ratio.p50.total, 2)}`,
  );
  log(`CPU ms per case (api path):    ${JSON.stringify(api.cpuMsPerCase)}, machine busy ${fmt(api.machineBusy * 100, 0)}%`);
  log(`CPU ms per case (client path): ${JSON.stringify(clientFig.cpuMsPerCase)}, machine busy ${fmt(clientFig.machineBusy * 100, 0)}%`);
  log(`database: ${JSON.stringify(byStatus)}, ${events} events`);
  log(
    `\nTarget: API throughput >= ${TARGET_RATIO * 100}% of the bare client's: ` +
      `${fmt(ratio.throughput * 100)}% -> ${pass ? 'PASS' : 'FAIL'}`,
  );
  log(`api/client throughput by round: ${ratio.perRound.map((x) => fmt(x, 2)).join(', ')}`);
  log(
    `CPU cost: ${fmt(ownCpu(api))} ms per case through the API, ${fmt(ownCpu(clientFig))} with the bare client ` +
      `-> CPU-bound ratio ${fmt(ratio.cpuCost, 3)} (less sensitive to other load on the machine than cases/s)`,
  );
  return { api, client: clientFig, ratio, pass, db, rounds };
}

async function writeResults(
  opts: ReturnType<typeof options>,
  started: Date,
  stack: Stack,
  r: Awaited<ReturnType<typeof measure>>,
  shutdown: ShutdownReport,
  errors: string[],
  oddities: string[],
  logs: { workerLines: number; apiLines: number },
) {
  const dir = `${repoRoot}/bench/results`;
  await mkdir(dir, { recursive: true });
  const cpus = os.cpus();
  const json = {
    date: started.toISOString(),
    durationSec: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
    },
    params: { ...opts, requester: REQUESTER, responder: RESPONDER, procedure: PROCEDURE },
    startupMs: stack.timings,
    paths: { api: r.api, client: r.client },
    rounds: r.rounds,
    ratio: r.ratio,
    target: { rule: `api cases/s >= ${TARGET_RATIO} x client cases/s`, ratio: r.ratio.throughput, pass: r.pass },
    database: r.db,
    shutdown: { ...shutdown.steps, leftovers: shutdown.leftovers },
    logLines: logs,
    errors,
    oddities,
  };
  await writeFile(`${dir}/latest.json`, `${JSON.stringify(json, null, 2)}\n`);

  const row = (name: string, f: PathFigures) =>
    `| ${name} | ${f.cases} | ${fmt(f.casesPerSec, 2)} | ${STEPS.map((s) => `${fmt(f.steps[s].p50)} / ${fmt(f.steps[s].p99)}`).join(' | ')} | ${fmt(f.steps.total.p50)} / ${fmt(f.steps.total.p99)} |`;
  const md = [
    `# API vs bare Temporal client`,
    '',
    `${started.toISOString()} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · Node ${process.version} · ` +
      `${opts.cases} cases per path, concurrency ${opts.concurrency}, warm-up ${opts.warmup}, ${opts.rounds} round(s) per path (alternating)`,
    '',
    `| path | cases | cases/s | start p50 / p99 ms | accept p50 / p99 ms | reply p50 / p99 ms | close p50 / p99 ms | case total p50 / p99 ms |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
    row('api (HTTP)', r.api),
    row('client (bare)', r.client),
    `| **api / client** | | **${fmt(r.ratio.throughput, 3)}** | ${STEPS.map((s) => `×${fmt(r.ratio.p50[s], 2)}`).join(' | ')} | ×${fmt(r.ratio.p50.total, 2)} |`,
    '',
    `Per round (api/client throughput): ${r.ratio.perRound.map((x) => fmt(x, 2)).join(', ')}. ` +
      `CPU-bound ratio (client CPU per case / API CPU per case, whole stack): ${fmt(r.ratio.cpuCost, 3)}.`,
    '',
    `Ratios of latency are of p50s. Target: the API path reaches at least ${TARGET_RATIO * 100}% of the bare client's throughput: ` +
      `**${fmt(r.ratio.throughput * 100)}% → ${r.pass ? 'PASS' : 'FAIL'}**.`,
    '',
    `CPU ms per case, by process tree (api path / client path): ` +
      Object.keys(r.api.cpuMsPerCase)
        .map((k) => `${k} ${fmt(r.api.cpuMsPerCase[k])} / ${fmt(r.client.cpuMsPerCase[k] ?? NaN)}`)
        .join(', ') +
      `; machine CPU busy ${fmt(r.api.machineBusy * 100, 0)}% / ${fmt(r.client.machineBusy * 100, 0)}%.`,
    '',
    ...(errors.length ? ['Errors:', ...errors.map((e) => `- ${e}`), ''] : []),
    ...(oddities.length ? ['Odd:', ...oddities.map((e) => `- ${e}`), ''] : []),
  ].join('\n');
  await writeFile(`${dir}/latest.md`, md);
  log(`bench: wrote bench/results/latest.json and latest.md`);
}

main().then(
  () => process.exit(),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
