import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant; the API and the worker both migrate on start, and may start at the same moment.
const MIGRATION_LOCK = 4_217_300_001;

/** Applies the committed drizzle-kit migrations, one process at a time. */
export async function runMigrations({ db, sql }: Database): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  });
}
