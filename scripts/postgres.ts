/**
 * The embedded PostgreSQL as its own process, so `npm start` can stop it last, after the worker
 * and the API have let go of their connections. Prints one JSON line `{"url": ...}` when ready.
 */
import { startEmbeddedPostgres } from '../lib/embedded-postgres.js';

const dir = process.env.EMBEDDED_PG_DIR ?? '.data/postgres';
const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const database = process.env.EMBEDDED_PG_DATABASE ?? 'liaison';

// PostgreSQL's own chatter (initdb steps, checkpoints) is left out; problems are shown.
const pg = await startEmbeddedPostgres({
  dir,
  port,
  log: (l) => {
    if (/\b(ERROR|FATAL|PANIC)\b/.test(l)) process.stderr.write(`${l}\n`);
  },
});
const url = await pg.createDatabase(database);
process.stdout.write(`${JSON.stringify({ url })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by `npm start` with an IPC channel: if that supervisor dies, do not outlive it.
process.on('disconnect', stop);
