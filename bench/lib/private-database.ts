/** A benchmark's own embedded PostgreSQL, migrated, removed with its files when the benchmark ends. */
import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createDatabase, type Database } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { startEmbeddedPostgres } from '../../lib/embedded-postgres.js';
import { freePort } from '../../lib/ports.js';
import { repoRoot } from '../../scripts/lib/temporal-cli.js';

export async function withPrivateDatabase<T>(name: string, max: number, run: (database: Database, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = `${repoRoot}/.data/bench-${name}-${process.pid}`;
  await mkdir(dataDir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dir: `${dataDir}/pg`, port: await freePort() });
  const database = createDatabase(await pg.createDatabase('liaison_bench'), { max });
  try {
    await runMigrations(database);
    return await run(database, dataDir);
  } finally {
    await database.close();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
