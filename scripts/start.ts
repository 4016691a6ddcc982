/**
 * `npm start`: the whole system on one machine, on embedded defaults. Temporal's dev server
 * (persisted in .data/), an embedded PostgreSQL (in .data/), the worker and the API as separate
 * processes, the demo directory seeded, the generated history of 2016–2022 loaded once (in the
 * background). Ctrl-C or SIGTERM stops them in order: the history load, API, worker, Temporal,
 * PostgreSQL, so nothing is cut off mid-write.
 *
 * TEMPORAL_ADDRESS or DATABASE_URL point at an external cluster or database instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { HISTORY_YEARS, historySize } from '../db/generate-history.js';
import { importedCases } from '../db/load-history.js';
import { demoOfficials, ensureImiScaleDirectory, seedDemo } from '../db/seed.js';
import { loadVocabulary } from '../db/directory.js';
import { APERTIUM_PACKAGES, findApertium, startApertium } from '../lib/apertium.js';
import { freePort } from '../lib/ports.js';
import { readCompetences } from '../policy-areas/competences.js';
import { loadConfig } from '../lib/config.js';
import { startDevServer, waitForTemporal } from '../lib/temporal-dev-server.js';
import { searchAttributes } from '../workflows/contract.js';
import { findTemporalCli } from './lib/temporal-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = loadConfig(process.env);
const temporalPort = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

interface Service {
  name: string;
  stop(): Promise<void>;
}
const running: Service[] = [];
let shuttingDown = false;

function prefixed(name: string, child: ChildProcess) {
  const write = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
}

/**
 * A child in its own process group, so a terminal's Ctrl-C reaches only this supervisor. A service
 * that exits stops everything; a job (`onExit` given) may end.
 */
function spawnNode(name: string, script: string, env: Record<string, string>, ipc = true, onExit?: (code: number | null) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
    detached: true,
  });
  prefixed(name, child);
  child.once('exit', (code, signal) => {
    if (onExit) onExit(code);
    else if (!shuttingDown) {
      console.error(`[start] ${name} exited unexpectedly (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('[start] stopping: ' + [...running].reverse().map((s) => s.name).join(', '));
  for (const service of [...running].reverse()) {
    try {
      await service.stop();
    } catch (err) {
      console.error(`[start] ${service.name} did not stop cleanly: ${(err as Error).message}`);
    }
  }
  console.log('[start] all stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function startPostgres(): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  const child = spawnNode('postgres', 'scripts/postgres.ts', { EMBEDDED_PG_DIR: `${config.dataDir}/postgres` });
  running.push({ name: 'postgres', stop: () => stopChild(child, 20_000) });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const line = chunk.toString().split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.once('exit', () => reject(new Error('embedded PostgreSQL exited before it was ready')));
  });
}

async function startTemporal(): Promise<string> {
  if (process.env.TEMPORAL_ADDRESS) {
    await waitForTemporal(config.temporal.address, 30_000);
    return config.temporal.address;
  }
  const cli = await findTemporalCli({ log: (m) => console.log(`[start] ${m}`) });
  if (!cli) {
    // Last resort, for machines with internet but no Go: the SDK downloads the CLI itself.
    console.log('[start] no Temporal CLI could be found or built; asking the Temporal SDK to download it');
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: '127.0.0.1',
        port: temporalPort,
        uiPort,
        dbFilename: `${config.dataDir}/temporal.sqlite`,
        searchAttributes: Object.values(searchAttributes),
      },
    });
    running.push({ name: 'temporal', stop: () => env.teardown() });
    return `127.0.0.1:${temporalPort}`;
  }
  const server = await startDevServer({
    cli,
    port: temporalPort,
    uiPort,
    dbFile: `${config.dataDir}/temporal.sqlite`,
    detached: true,
    log: (l) => console.log(`[temporal] ${l}`),
  });
  running.push({ name: 'temporal', stop: server.stop });
  return server.address;
}

/** Apertium for machine translation: the configured one, else the local packages, else none (said aloud). */
async function startMachineTranslation(): Promise<string | undefined> {
  if (config.apertiumUrl) return config.apertiumUrl;
  if (!findApertium()) {
    console.log(`[start] no Apertium: free text will show "no machine translation" (apt-get install ${APERTIUM_PACKAGES.join(' ')})`);
    return undefined;
  }
  const apy = await startApertium({ port: await freePort(), log: (l) => console.log(`[apertium] ${l}`) });
  running.push({ name: 'apertium', stop: apy.stop });
  return apy.url;
}

async function main() {
  console.log('[start] starting Temporal and PostgreSQL…');
  const [databaseUrl, temporalAddress] = await Promise.all([startPostgres(), startTemporal()]);
  const database = createDatabase(databaseUrl, { max: 1 });
  await runMigrations(database);
  await loadVocabulary(database.db, await readCompetences());
  const seeded = await seedDemo(database.db);
  const directory = await ensureImiScaleDirectory(database.db, (l) => console.log(`[start] ${l}`));
  const imported = await importedCases(database);
  const history = imported < historySize({ years: HISTORY_YEARS }) ? 'loading' : `${imported} exchanges`;
  await database.close();

  const apertiumUrl = await startMachineTranslation();
  const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, PORT: String(config.port), ...(apertiumUrl ? { APERTIUM_URL: apertiumUrl } : {}) };
  const worker = spawnNode('worker', 'worker/main.ts', env);
  running.push({ name: 'worker', stop: () => stopChild(worker, 30_000) });
  const api = spawnNode('api', 'api/server.ts', env);
  running.push({ name: 'api', stop: () => stopChild(api, 15_000) });

  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 120) throw new Error(`the API did not become ready at ${base}/readyz`);
    await new Promise((r) => setTimeout(r, 500));
  }
  if (history === 'loading') {
    // Several minutes on two cores, so it runs behind the started system; interrupted, the next start resumes it.
    const job = spawnNode('history', 'scripts/history-generate.ts', env, true, (code) => {
      if (!shuttingDown) console.log(`[start] history ${code === 0 ? 'loaded' : `load stopped (${code}); the next start resumes it`}`);
    });
    running.push({ name: 'history', stop: () => stopChild(job, 5_000) });
  }
  const ui = process.env.TEMPORAL_ADDRESS ? '(external cluster)' : `http://127.0.0.1:${uiPort}`;
  console.log(`
Liaison is running (embedded defaults; Ctrl-C stops everything).
  API            ${base}   docs ${base}/docs   OpenAPI ${base}/openapi.json
  Dashboard      ${base}/dashboard (log in as a supervisor, e.g. lena.berg or a coordinator)
  Temporal       ${temporalAddress}   UI ${ui}
  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}
  Directory      ${directory.authorities} authorities, ${directory.officials} officials (GET ${base}/v1/auth/dev-users?country=DE);
                 demo logins: ${demoOfficials.slice(0, 4).map((o) => o.login).join(', ')}… (${seeded.officials} in all)
  History        ${history === 'loading' ? `${HISTORY_YEARS[0]}–${HISTORY_YEARS.at(-1)} loading in the background ([history] lines), read-only` : `${history} of ${HISTORY_YEARS[0]}–${HISTORY_YEARS.at(-1)}, read-only`}

Try it:
  TOKEN=$(curl -s -X POST ${base}/v1/auth/dev-token -H 'content-type: application/json' -d '{"user":"${demoOfficials[0].login}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -s ${base}/v1/procedures -H "authorization: Bearer $TOKEN"
`);
}

main().catch(async (err) => {
  console.error(`[start] ${(err as Error).message}`);
  await shutdown(1);
});
