/**
 * `npm run bench:interpreter`: what running a procedure as data costs over the hand-written
 * workflow, and what open cases cost the worker in memory. On a private stack (as `npm run bench`):
 *
 *  1. N PQ information requests per path through start → accept → reply → close with the bare
 *     client, the paths taking turns (A B B A ...): `interpreter` (format 2, the catalogue's
 *     definition, workflows/interpreted-case.ts) and `handwritten` (format 1, the recovered v1
 *     definition, workflows/request-reply.ts). Cases/s, p50/p95 per step, worker CPU per case.
 *  2. Histories of completed cases of each kind replayed in this process against a fresh bundle,
 *     interleaved in one replay worker: the workflow code's cost with no server or database in the way.
 *  3. M interpreter cases started through the API's gateway and left open (timers running), with
 *     the worker's RSS and JS heap at checkpoints.
 *
 *   npm run bench:interpreter -- --cases 200 --concurrency 10 --rounds 4 --histories 50 --open 10000
 *
 * Exit code: 0 when everything ran, 1 when something failed.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createCaseGateway } from '../api/case-gateway.js';
import { actorOf } from '../api/idempotency.js';
import { findOfficial } from '../db/queries.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { repoRoot } from '../scripts/lib/temporal-cli.js';
import { runBatch } from './lib/flows.js';
import { printSummary, ratios, writeResults, type Results } from './lib/interpreter-report.js';
import { heapProbe, openAndSample } from './lib/memory.js';
import { casesByVersion, kindCase, mismatches, KINDS, loadV1Definition, v2Input, type Kind, type KindContext } from './lib/procedure-flows.js';
import { bundle, fetchHistories, replayRounds } from './lib/replay.js';
import { alternate, noisyPaths } from './lib/rounds.js';
import { listProcesses } from './lib/services.js';
import { startStack, type Stack } from './lib/stack.js';

const REQUESTER = 'anna.schmidt';
const RESPONDER = 'claire.martin';
const PROCEDURE = 'pq-information-request';

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '4' },
      histories: { type: 'string', default: '50' },
      'replay-rounds': { type: 'string', default: '6' },
      open: { type: 'string', default: '10000' },
      'open-concurrency': { type: 'string', default: '32' },
      checkpoints: { type: 'string', default: '1000,2000,5000' },
      'show-logs': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:interpreter -- [--cases N=200] [--concurrency C=10] [--warmup W=10] [--rounds R=4]\n' +
        '         [--histories H=50] [--replay-rounds RR=6] [--open M=10000] [--open-concurrency OC=32]\n' +
        '         [--checkpoints 1000,2000,5000] [--show-logs]   (--open 0 skips the memory part)',
    );
    process.exit(0);
  }
  const int = (v: string | undefined, name: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${v}`);
    return n;
  };
  const o = {
    cases: int(values.cases, 'cases', 2),
    concurrency: int(values.concurrency, 'concurrency', 1),
    warmup: int(values.warmup, 'warmup', 0),
    rounds: int(values.rounds, 'rounds', 1),
    histories: int(values.histories, 'histories', 2),
    replayRounds: int(values['replay-rounds'], 'replay-rounds', 1),
    open: int(values.open, 'open', 0),
    openConcurrency: int(values['open-concurrency'], 'open-concurrency', 1),
    checkpoints: values.checkpoints!.split(',').filter(Boolean).map((c) => int(c, 'checkpoints', 1)),
    showLogs: values['show-logs']!,
  };
  o.rounds = Math.min(o.rounds, o.cases);
  o.histories = Math.min(o.histories, o.cases);
  return o;
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(msg);

async function main() {
  const opts = options();
  const started = new Date();
  const errors: string[] = [];
  const oddities: string[] = [];
  log(`bench: interpreter vs hand-written, ${opts.cases} cases per path, concurrency ${opts.concurrency}, ${opts.rounds} round(s); then ${opts.open} open cases; ${os.cpus().length} CPU(s)`);
  // The replay worker runs in this process: quiet, and leave signals to the stack's handler.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const probe = heapProbe(`${os.tmpdir()}/liaison-bench-probe-${process.pid}`);
  await probe.prepare();
  process.on('exit', () => rmSync(probe.dir, { recursive: true, force: true }));
  const stack = await startStack(log, {
    workerNodeArgs: ['--expose-gc', '--import', './bench/lib/heap-probe.mjs'],
    workerEnv: { LIAISON_BENCH_PROBE_DIR: probe.dir },
  });
  let connection: Connection | undefined;
  let measured: Omit<Results, 'run'> | undefined;
  try {
    log(`bench: stack up in ${JSON.stringify(stack.timings)} ms`);
    connection = await Connection.connect({ address: stack.temporalAddress });
    measured = await measure(stack, new Client({ connection, namespace: 'default' }), opts, probe, errors, oddities);
  } catch (err) {
    errors.push(`run: ${(err as Error).stack ?? err}`);
  } finally {
    await connection?.close().catch(() => {});
  }
  const dead = stack.deadService();
  if (dead) errors.push(dead);
  const notable = stack.worker.notable();
  const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '');
  if (notable.length) oddities.push(`worker logged ${notable.length} warning/error-looking line(s), first: ${plain(notable[0])}`);
  log('bench: shutting down');
  const shutdown = await stack.stop();
  for (const [k, v] of Object.entries(shutdown.steps)) log(`  ${k}: ${v}`);
  if (!/^signal SIGTERM$|^exit code 0$/.test(shutdown.steps.worker ?? '')) oddities.push(`worker did not end cleanly on SIGTERM: ${shutdown.steps.worker}`);
  if (shutdown.leftovers.length) errors.push(`processes left running: ${shutdown.leftovers.map((p) => `${p.pid} ${p.args}`).join('; ')}`);
  if (opts.showLogs || errors.length) log(`--- last lines of the worker ---\n${stack.worker.tail().slice(-40).join('\n')}`);

  if (measured) {
    const results: Results = { ...measured, run: { opts, started, startupMs: stack.timings, shutdown, errors, oddities } };
    printSummary(results, log);
    await writeResults(results, log);
  }
  if (oddities.length) log(`\nOdd:\n${oddities.map((o) => `  - ${o}`).join('\n')}`);
  if (errors.length) {
    console.error(`\nErrors:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    process.exitCode = 1;
  }
}

async function measure(
  stack: Stack,
  client: Client,
  opts: Options,
  probe: ReturnType<typeof heapProbe>,
  errors: string[],
  oddities: string[],
): Promise<Omit<Results, 'run'>> {
  const [requester, responder] = await Promise.all([findOfficial(stack.database.db, REQUESTER), findOfficial(stack.database.db, RESPONDER)]);
  if (!requester || !responder) throw new Error(`demo officials ${REQUESTER}/${RESPONDER} not found after seeding`);
  const v2 = (await loadCatalog()).procedures.get(PROCEDURE);
  if (!v2) throw new Error(`procedure ${PROCEDURE} not in the catalog`);
  const ctx: KindContext = { client, taskQueue: stack.taskQueue, v1: await loadV1Definition(), v2, requester: actorOf(requester), responder: actorOf(responder) };
  const child = (marker: string) => listProcesses().find((p) => p.ppid === process.pid && p.args.includes(marker))?.pid;
  // The API is idle here, but part of the stack: counted apart so that `others` is truly outside.
  const roots = { bench: process.pid, worker: stack.worker.process.pid, temporal: child('start-dev'), postgres: child(`${stack.dataDir}/pg`), api: stack.api.process.pid };
  const check = () => {
    const dead = stack.deadService();
    if (dead) throw new Error(dead);
  };

  // 1. Whole cases, alternating.
  const completed: Record<Kind, string[]> = { interpreter: [], handwritten: [] };
  const run = { interpreter: () => kindCase(ctx, 'interpreter', completed.interpreter), handwritten: () => kindCase(ctx, 'handwritten', completed.handwritten) };
  for (const kind of KINDS) {
    if (opts.warmup === 0) break;
    const w = await runBatch(opts.warmup, Math.min(opts.warmup, opts.concurrency), run[kind]);
    if (w.errors.length) throw new Error(`warm-up of ${kind} failed: ${w.errors[0]}`);
    log(`bench: warm-up ${kind}: ${opts.warmup} cases in ${Math.round(w.wallMs)} ms`);
  }
  const cases = await alternate({ paths: KINDS, cases: opts.cases, rounds: opts.rounds, concurrency: opts.concurrency, run, roots, log, check });
  errors.push(...cases.errors);
  oddities.push(...noisyPaths(cases.figures));

  // 2. Replay of the measured cases' histories (the warm-up ones came first, so they are left out).
  const b = await bundle();
  log(`bench: bundled workflows/ in ${b.ms} ms (${Math.round(b.bytes / 1024)} KiB)`);
  const sets = {
    interpreter: await fetchHistories(client, completed.interpreter.slice(-opts.histories)),
    handwritten: await fetchHistories(client, completed.handwritten.slice(-opts.histories)),
  };
  const replay = await replayRounds({ workflowBundle: b.bundle, paths: KINDS, sets, rounds: opts.replayRounds, log });
  errors.push(...replay.errors);

  // 3. Open cases in memory.
  const gateway = createCaseGateway(client, { taskQueue: stack.taskQueue });
  const open = async () => {
    const r = await gateway.open(v2Input(ctx));
    if (r.status !== 'submitted') throw new Error(`opened case is ${r.status}, expected submitted`);
  };
  const { open: target, checkpoints, openConcurrency: concurrency } = opts;
  const memory = target > 0
    ? await openAndSample({ target, checkpoints, concurrency, open, workerPid: roots.worker, temporalPid: roots.temporal, probe, settleMs: 2000, log, check })
    : undefined;
  for (const e of memory?.errors.slice(0, 5) ?? []) errors.push(`open: ${e}`);
  const workerSource = await readFile(`${repoRoot}/worker/create-worker.ts`, 'utf8');

  // What the system recorded should match what the bench did.
  const db = await casesByVersion(stack.database.db);
  errors.push(
    ...mismatches(db, [
      { version: 1, status: 'closed', n: opts.warmup + cases.figures.handwritten.cases },
      { version: 2, status: 'closed', n: opts.warmup + cases.figures.interpreter.cases },
      ...(memory ? [{ version: 2, status: 'submitted', n: memory.opened }] : []),
    ]),
  );

  return {
    cases,
    ratio: ratios(cases, replay),
    replay: { bundleMs: b.ms, bundleBytes: b.bytes, ...replay },
    memory,
    cache: { workerSetsMaxCachedWorkflows: /maxCachedWorkflows/.test(workerSource) },
    definitionBytes: { interpreter: JSON.stringify(ctx.v2).length, handwritten: JSON.stringify(ctx.v1).length },
    db,
  };
}

main().then(
  () => process.exit(),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
