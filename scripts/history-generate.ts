/**
 * `npm run history:generate -- [--years 2016-2022] [--seed 2008] [--scale 1]`: fills the database at
 * DATABASE_URL (or the embedded one of `npm start`, which must be running) with the generated
 * history of IMI activity (db/generate-history.ts), over the generated IMI-scale directory (loaded
 * first if missing). Idempotent: what is already there is kept; run it again to finish an
 * interrupted load. `--scale 0.1` makes a tenth of the volumes.
 */
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/client.js';
import { loadVocabulary } from '../db/directory.js';
import { HISTORY_SEED, HISTORY_YEARS } from '../db/generate-history.js';
import { loadHistory } from '../db/load-history.js';
import { runMigrations } from '../db/migrate.js';
import { ensureImiScaleDirectory, generateImiScaleDirectory } from '../db/seed.js';
import { loadConfig, requireDatabaseUrl } from '../lib/config.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';

const { values } = parseArgs({
  options: {
    years: { type: 'string', default: `${HISTORY_YEARS[0]}-${HISTORY_YEARS.at(-1)}` },
    seed: { type: 'string', default: String(HISTORY_SEED) },
    scale: { type: 'string', default: '1' },
  },
});
const [from, to = from] = values.years!.split('-').map(Number);
const seed = Number(values.seed);
const scale = Number(values.scale);
if (!(from <= to) || !Number.isInteger(seed) || !(scale > 0)) {
  console.error('usage: npm run history:generate -- [--years 2016-2022] [--seed 2008] [--scale 1]');
  process.exit(2);
}
// Cases run on for up to two years after they are sent (reopen windows, an EPC's validity): a
// history of the last years would put events in the future.
if (to > new Date().getUTCFullYear() - 3) {
  console.error(`the history ends at ${new Date().getUTCFullYear() - 3} at the latest: its cases run on for up to two years`);
  process.exit(2);
}

// Started by `npm start` with an IPC channel: if that supervisor dies, stop (a batch is one
// transaction, and the next start resumes where this one stopped).
process.on('disconnect', () => process.exit(1));
const log = (line: string) => console.log(line);
const database = createDatabase(requireDatabaseUrl(loadConfig(process.env)), { max: 2 });
try {
  await runMigrations(database);
  await loadVocabulary(database.db, await readCompetences());
  await ensureImiScaleDirectory(database.db, log);
  const [catalog, directory] = await Promise.all([loadCatalog(), generateImiScaleDirectory()]);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const r = await loadHistory(database, [...catalog.procedures.values()], directory, { seed, years, scale, log });
  console.log(`history ${from}–${to} (seed ${seed}, scale ${scale}): ${r.inserted} exchanges and ${r.events} events added, ${r.skipped} already there, in ${(r.ms / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
