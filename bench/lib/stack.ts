/**
 * The whole system on this machine, private to one benchmark run: an embedded PostgreSQL and an
 * in-memory Temporal dev server, then the worker and the API as their own processes, exactly as
 * production starts them. Everything lives under `.data/bench-<pid>`, removed by `stop()`.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createDatabase, type Database } from '../../db/client.js';
import { seedDemo } from '../../db/seed.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../lib/embedded-postgres.js';
import { freePort } from '../../lib/ports.js';
import { startDevServer, type DevServer } from '../../lib/temporal-dev-server.js';
import { findTemporalCli, repoRoot } from '../../scripts/lib/temporal-cli.js';
import { findLeftovers, spawnService, waitForHttp, type ProcessRow, type Service } from './services.js';

export interface Stack {
  dataDir: string;
  apiUrl: string;
  temporalAddress: string;
  taskQueue: string;
  database: Database;
  worker: Service;
  api: Service;
  /** Startup phases and their durations (ms). */
  timings: Record<string, number>;
  /** First exit of worker or API, if any (they should run until stop()). */
  deadService(): string | undefined;
  stop(): Promise<ShutdownReport>;
}

export interface ShutdownReport {
  steps: Record<string, string>;
  leftovers: ProcessRow[];
}

export type Log = (msg: string) => void;

/** Runs `fn`, recording its duration under `name`. */
async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

export interface StackOptions {
  /** Extra Node arguments for the worker, after tsx's loader (e.g. a bench-only preload). */
  workerNodeArgs?: string[];
  workerEnv?: Record<string, string>;
}

export async function startStack(log: Log, opts: StackOptions = {}): Promise<Stack> {
  const dataDir = resolve(repoRoot, '.data', `bench-${process.pid}`);
  const taskQueue = `bench-${process.pid}`;
  const timings: Record<string, number> = {};
  let pg: RunningPostgres | undefined;
  let temporal: DevServer | undefined;
  let database: Database | undefined;
  const services: Service[] = [];
  let temporalPort = 0;

  // Also used on a failed start: stops whatever did start, in reverse order.
  const stop = async (): Promise<ShutdownReport> => {
    const steps: Record<string, string> = {};
    await Promise.all(
      [...services].reverse().map(async (s) => {
        steps[s.name] = await s.stop().catch((e: Error) => `stop failed: ${e.message}`);
      }),
    );
    if (database) await database.close().then(() => (steps.benchDb = 'closed'), (e: Error) => (steps.benchDb = e.message));
    if (temporal) {
      await temporal.stop().then(
        () => (steps.temporal = `stopped (${temporal!.process.signalCode ?? `exit ${temporal!.process.exitCode}`})`),
        (e: Error) => (steps.temporal = e.message),
      );
    }
    if (pg) await pg.stop().then(() => (steps.postgres = 'stopped'), (e: Error) => (steps.postgres = e.message));
    await rm(dataDir, { recursive: true, force: true }).then(() => (steps.dataDir = `removed ${dataDir}`), (e: Error) => (steps.dataDir = e.message));
    const markers = [dataDir, ...(temporalPort ? [`--port ${temporalPort}`] : [])];
    return { steps, leftovers: findLeftovers(markers) };
  };

  // A signal while running: tell every child to stop right away (synchronously, since
  // embedded-postgres' own exit hook may end this process before any await returns).
  const onSignal = (signal: NodeJS.Signals) => {
    log(`bench: ${signal}, stopping everything`);
    for (const s of services) s.process.kill('SIGTERM');
    temporal?.process.kill('SIGTERM');
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // embedded-postgres' exit hook ends the process as soon as PostgreSQL has stopped, which can be
  // before stop() gets to the data dir: remove it on the way out, whatever the order.
  const onExit = () => rmSync(dataDir, { recursive: true, force: true });
  process.on('exit', onExit);
  const unhook = () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', onExit);
  };

  try {
    await rm(dataDir, { recursive: true, force: true });
    const cli = await timed(timings, 'findTemporalCli', () => findTemporalCli({ log }));
    if (!cli) throw new Error('no Temporal CLI found or built (needs Go, or set TEMPORAL_CLI)');
    const [pgPort, tPort, apiPort] = await distinctFreePorts(3);
    temporalPort = tPort;
    log(`bench: starting PostgreSQL on ${pgPort} and Temporal on ${tPort} (data in ${dataDir})`);
    await Promise.all([
      timed(timings, 'postgres', async () => {
        pg = await startEmbeddedPostgres({ dir: `${dataDir}/pg`, port: pgPort });
      }),
      timed(timings, 'temporal', async () => {
        temporal = await startDevServer({ cli, port: tPort });
      }),
    ]);
    const databaseUrl = await pg!.createDatabase('liaison_bench');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LIAISON_MODE: 'embedded',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal!.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LIAISON_DATA_DIR: `${dataDir}/liaison`,
      LOG_LEVEL: 'warn',
    };
    for (const k of ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_DEV_KEY_FILE', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_NAMESPACE', 'TEMPORAL_SEARCH_ATTRIBUTES']) {
      delete env[k];
    }
    const t0 = performance.now();
    const worker = spawnService('worker', ['--import', 'tsx', ...(opts.workerNodeArgs ?? []), 'worker/main.ts'], {
      cwd: repoRoot,
      env: { ...env, ...opts.workerEnv },
    });
    services.push(worker);
    const api = spawnService('api', ['--import', 'tsx', 'api/server.ts'], { cwd: repoRoot, env });
    services.push(api);
    const deadService = () => {
      for (const s of services) {
        const why = s.exitReason();
        if (why) return `${s.name} exited (${why}); its last lines:\n  ${s.tail().slice(-30).join('\n  ')}`;
      }
      return undefined;
    };
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/readyz`, 90_000, deadService);
    timings.apiReady = Math.round(performance.now() - t0);
    // The worker bundles the workflows before it polls; it says so on stdout.
    await waitFor(() => worker.tail().some((l) => l.includes('worker: polling')), 120_000, deadService, 'the worker to poll');
    timings.workerPolling = Math.round(performance.now() - t0);

    // Migrations were applied by the API and the worker; the directory is ours to seed.
    database = createDatabase(databaseUrl, { max: 4 });
    await timed(timings, 'seed', () => seedDemo(database!.db));

    return {
      dataDir,
      apiUrl,
      temporalAddress: temporal!.address,
      taskQueue,
      database,
      worker,
      api,
      timings,
      deadService,
      stop: async () => {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        const report = await stop();
        unhook();
        return report;
      },
    };
  } catch (err) {
    const report = await stop();
    unhook();
    if (report.leftovers.length) log(`bench: left running after a failed start: ${JSON.stringify(report.leftovers)}`);
    throw err;
  }
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

async function waitFor(ok: () => boolean, timeoutMs: number, dead: () => string | undefined, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    const why = dead();
    if (why) throw new Error(why);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
