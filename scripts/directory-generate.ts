/**
 * `npm run directory:generate -- [--authorities 13000] [--officials 35000] [--seed 2021]`: fills the
 * database at DATABASE_URL (or the embedded one of `npm start`, which must be running) with the
 * generated IMI-scale directory. Idempotent: entries already there are kept.
 */
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/client.js';
import { loadVocabulary } from '../db/directory.js';
import { generateDirectory, insertDirectory, readDirectoryData } from '../db/generate-directory.js';
import { runMigrations } from '../db/migrate.js';
import { loadConfig, requireDatabaseUrl } from '../lib/config.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';

const { values } = parseArgs({ options: { authorities: { type: 'string', default: '13000' }, officials: { type: 'string', default: '35000' }, seed: { type: 'string', default: '2021' } } });
const database = createDatabase(requireDatabaseUrl(loadConfig(process.env)));
try {
  await runMigrations(database);
  const vocabulary = await readCompetences();
  await loadVocabulary(database.db, vocabulary);
  const t0 = performance.now();
  const d = generateDirectory(await readDirectoryData(), vocabulary, {
    authorityCount: Number(values.authorities),
    officialCount: Number(values.officials),
    seed: Number(values.seed),
    allAreas: [...(await loadCatalog()).areas.keys()],
  });
  await insertDirectory(database.db, d);
  console.log(`directory: ${d.authorities.length} authorities, ${d.officials.length} officials in ${Math.round(performance.now() - t0)} ms`);
} finally {
  await database.close();
}
