/**
 * The worker process: runs case workflows and activities. Scale out by starting more of them.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { loadConfig, requireDatabaseUrl } from '../lib/config.js';
import { connectWorker } from '../lib/temporal.js';
import { apertiumProvider } from '../activities/translation/apertium.js';
import { eTranslationProvider } from '../activities/translation/etranslation.js';
import { libreTranslateProvider } from '../activities/translation/libretranslate.js';
import { createCaseWorker } from './create-worker.js';

const config = loadConfig(process.env);
Runtime.install({ logger: new DefaultLogger(config.logLevel.toUpperCase() as LogLevel) });
const database = createDatabase(requireDatabaseUrl(config));
await runMigrations(database);
const connection = await connectWorker(config.temporal);
const worker = await createCaseWorker({
  connection,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
  db: database.db,
  translation: [
    ...(config.apertiumUrl ? [apertiumProvider(config.apertiumUrl)] : []),
    ...(config.libreTranslate ? [libreTranslateProvider(config.libreTranslate.url, config.libreTranslate.apiKey)] : []),
    ...(config.eTranslation ? [eTranslationProvider(config.eTranslation)] : []),
  ],
  callbackSecret: config.callbackSecret,
});
if (!config.apertiumUrl && !config.libreTranslate && !config.eTranslation) console.log('worker: no APERTIUM_URL or LIBRETRANSLATE_URL: free text will be marked "no machine translation"');
// The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves once in-flight tasks finish.
// Started by `npm start` with an IPC channel: if that supervisor dies, do not outlive it.
process.on('disconnect', () => worker.shutdown());
console.log(`worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
await worker.run();
await connection.close();
await database.close();
console.log('worker: stopped');
// The IPC channel of a supervising `npm start` would otherwise keep the process alive.
process.exit(0);
