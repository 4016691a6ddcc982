/**
 * One test file's slice of the real system: its own PostgreSQL database (migrated), its own task
 * queue on the shared Temporal server, a real worker with the real activities, and the API built
 * in-process (requests go through `inject`).
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import postgres from 'postgres';
import { inject } from 'vitest';
import { buildApp, type App } from '../../api/app.js';
import { createAuthenticator } from '../../api/auth.js';
import { createCaseGateway } from '../../api/case-gateway.js';
import { createDatabase, type Database } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { publishCatalog } from '../../db/procedures.js';
import { loadTranslations } from '../../policy-areas/i18n.js';
import { loadCatalog } from '../../policy-areas/catalog.js';
import { apertiumProvider } from '../../activities/translation/apertium.js';
import type { AnyTranslationProvider } from '../../activities/translation/provider.js';
import { createCaseWorker, workflowsPath } from '../../worker/create-worker.js';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds; do it once per test file. */
export const workflowBundle = () => (bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietLogger }));

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
// The worker logs every workflow task at info level; tests only want errors.
try {
  Runtime.install({ logger: quietLogger as never });
} catch {
  // Already installed in this fork.
}

/** Signs asynchronous translation callbacks in tests (production: ETRANSLATION_CALLBACK_SECRET). */
export const CALLBACK_SECRET = 'test-callback-secret';

export interface TemporalHandles {
  client: Client;
  connection: NativeConnection;
  /** The time-skipping test server has no custom search attributes. */
  searchAttributes: boolean;
}

export interface Harness {
  app: App;
  database: Database;
  temporal: TemporalHandles;
  taskQueue: string;
  /** The in-process worker, unless the test runs workers as processes of their own. */
  worker?: Worker;
  /** A bearer header for a login the test created. */
  auth(login: string): Promise<{ authorization: string }>;
  /** Starts another worker on the same task queue (e.g. after killing one). */
  startWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
  const name = `liaison_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function connectDevServer(): Promise<TemporalHandles & { close(): Promise<void> }> {
  const address = inject('temporalAddress');
  const [clientConnection, connection] = await Promise.all([Connection.connect({ address }), NativeConnection.connect({ address })]);
  return {
    client: new Client({ connection: clientConnection }),
    connection,
    searchAttributes: true,
    close: async () => {
      await clientConnection.close();
      await connection.close();
    },
  };
}

export async function startHarness(
  temporal?: TemporalHandles,
  {
    inProcessWorker = true,
    clock,
    translationUrl,
    moreTranslation = [],
  }: {
    inProcessWorker?: boolean;
    clock?: () => number;
    /** Where the worker finds Apertium (default: the one global-setup started). */
    translationUrl?: string;
    /** Providers tried after Apertium. */
    moreTranslation?: AnyTranslationProvider[];
  } = {},
): Promise<Harness> {
  const testDb = await createTestDatabase();
  const database = createDatabase(testDb.url, { max: 5 });
  await runMigrations(database);
  const catalog = await loadCatalog();
  await publishCatalog(database.db, catalog.procedures.values());
  const dev = temporal ? undefined : await connectDevServer();
  const t = temporal ?? dev!;
  const taskQueue = `test-${randomUUID()}`;
  const workers: { worker: Worker; done: Promise<void> }[] = [];
  const startWorker = async () => {
    const worker = await createCaseWorker({
      connection: t.connection,
      namespace: 'default',
      taskQueue,
      db: database.db,
      workflowBundle: await workflowBundle(),
      translation: [apertiumProvider(translationUrl ?? inject('apertiumUrl')), ...moreTranslation],
      callbackSecret: CALLBACK_SECRET,
    });
    workers.push({ worker, done: worker.run() });
    return worker;
  };
  const worker = inProcessWorker ? await startWorker() : undefined;
  const auth = await createAuthenticator('embedded', {
    audience: 'liaison',
    devKeyFile: `${tmpdir()}/liaison-test-key-${randomUUID()}.json`,
  });
  const app = await buildApp({
    mode: 'embedded',
    db: database.db,
    temporal: t.client,
    gateway: createCaseGateway(t.client, { taskQueue }),
    catalog,
    translations: await loadTranslations(),
    auth,
    searchAttributes: t.searchAttributes,
    callbackSecret: CALLBACK_SECRET,
    // Loaded on first use: it brings the test server and a worker into the process.
    dryRun: async (d, sc) => (await import('../../worker/dry-run.js')).dryRun(d, sc),
    // Unexpected errors (500s) are logged; everything else would drown the test output.
    logger: { level: 'error' },
    clock,
  });
  return {
    app,
    database,
    temporal: t,
    taskQueue,
    worker,
    startWorker,
    async auth(login) {
      const { token } = await auth.devIssuer!.issue(login);
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      for (const w of workers) if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
      await Promise.allSettled(workers.map((w) => w.done));
      await dev?.close();
      await database.close();
      await testDb.drop();
    },
  };
}
