/**
 * The API process. It only validates, authorises, and talks to Temporal and PostgreSQL; cases run
 * in the worker. Scale out by starting more of them behind a load balancer.
 */
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { publishCatalog } from '../db/procedures.js';
import { loadVocabulary } from '../db/directory.js';
import { readCompetences } from '../policy-areas/competences.js';
import { loadConfig, requireDatabaseUrl } from '../lib/config.js';
import { connectClient } from '../lib/temporal.js';
import { loadTranslations } from '../policy-areas/i18n.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { buildApp } from './app.js';
import { createAuthenticator } from './auth.js';
import { createCaseGateway } from './case-gateway.js';

const config = loadConfig(process.env);
const database = createDatabase(requireDatabaseUrl(config));
await runMigrations(database);
const catalog = await loadCatalog();
// The shipped definitions become published versions; a changed file under a published version stops the start.
await publishCatalog(database.db, catalog.procedures.values());
await loadVocabulary(database.db, await readCompetences());
const temporal = await connectClient(config.temporal);
const app = await buildApp({
  mode: config.mode,
  db: database.db,
  temporal,
  gateway: createCaseGateway(temporal, { taskQueue: config.temporal.taskQueue }),
  catalog,
  translations: await loadTranslations(),
  auth: await createAuthenticator(config.mode, config.auth),
  searchAttributes: config.temporal.searchAttributes,
  callbackSecret: config.callbackSecret,
  // Loaded on first use: it brings the test server and a worker into the process.
  dryRun: async (d, sc) => (await import('../worker/dry-run.js')).dryRun(d, sc),
  logger: { level: config.logLevel },
});

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  // Stop taking requests, let in-flight ones finish, then drop the connections.
  await app.close();
  await temporal.connection.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', close);
process.once('SIGTERM', close);
// Started by `npm start` with an IPC channel: if that supervisor dies, do not outlive it.
process.on('disconnect', close);
await app.listen({ host: config.host, port: config.port });
