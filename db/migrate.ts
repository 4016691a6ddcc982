import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant; the API and the worker both migrate on start, and may start at the same moment.
const MIGRATION_LOCK = 4_217_300_001;

/** Applies the committed drizzle-kit migrations, one process at a time. */
export async function runMigrations({ url, db }: Database): Promise<void> {
  // The lock lives on a connection of its own: the pool may have a single connection, which
  // the migrator needs.
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await lock.end();
  }
}
