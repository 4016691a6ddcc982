/**
 * Writes a generated history (db/generate-history.ts) to PostgreSQL: cases, their events, and the
 * scoreboard's facts derived from them by liaison_refresh_exchange_facts, a batch at a time.
 *
 * Idempotent: case ids derive from the seed, each batch is one transaction, and a batch whose
 * cases are all there is skipped before it is simulated, so a second run (or a run after an
 * interruption) adds only what is missing. Rows go in as one JSON parameter per table and batch
 * (json_populate_recordset): no limit on bind parameters, one round trip for thousands of rows.
 */
import { inArray } from 'drizzle-orm';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Database } from './client.js';
import {
  historyGenerator,
  historySize,
  historySlots,
  IMPORTED_HISTORY,
  type GeneratedExchange,
  type HistoryDirectory,
  type HistoryOptions,
  type HistorySlot,
} from './generate-history.js';
import { publishCatalog } from './procedures.js';
import { authorities, officials } from './schema/index.js';
import { demoAuthorities, demoOfficials } from './seed.js';

export interface LoadHistoryOptions extends Omit<HistoryOptions, 'commission'> {
  /** Cases per transaction. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  planned: number;
  inserted: number;
  events: number;
  /** Cases that were already there. */
  skipped: number;
  ms: number;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeRow = (row: object) => Object.fromEntries(Object.entries(row).map(([k, v]) => [snake(k), v]));
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The Commission's entry (EU-COM, with its official), which some procedures need as a party: the
 * same one db/seed.ts registers for the demo, added here when missing (the tests have no demo).
 */
async function ensureCommission(database: Database) {
  const entry = demoAuthorities.find((a) => a.country === 'EU')!;
  const official = demoOfficials.find((o) => o.authorityId === entry.id)!;
  await database.db.insert(authorities).values(entry).onConflictDoNothing();
  await database.db.insert(officials).values(official).onConflictDoNothing();
  return { authorityId: entry.id!, login: official.login };
}

/** The history's parties must be in the directory (foreign keys): say so clearly when they are not. */
async function checkDirectory(database: Database, directory: HistoryDirectory) {
  const sample = directory.authorities.filter((_, i) => i % 500 === 0).map((a) => a.id);
  const found = await database.db.select({ id: authorities.id }).from(authorities).where(inArray(authorities.id, sample));
  if (found.length < sample.length) {
    throw new Error('the generated directory is not in the database: load it first (npm run directory:generate, or npm start)');
  }
}

async function write(database: Database, batch: GeneratedExchange[]): Promise<void> {
  const rows = batch.map((x) => snakeRow(x.row));
  const columns = Object.keys(rows[0]).join(', ');
  const events = batch.flatMap(({ row, events: es }) =>
    es.map((e) => ({ case_id: row.id, seq: e.seq, action: e.action, actor_login: e.actor?.login ?? null, actor_authority_id: e.actor?.authorityId ?? null, at: e.at, payload: e.payload })),
  );
  await database.sql.begin(async (tx) => {
    // Not waiting for the WAL flush: a batch lost in a crash is simply loaded again by the next run.
    await tx.unsafe('set local synchronous_commit = off');
    await tx.unsafe(`insert into cases (${columns}) select ${columns} from json_populate_recordset(null::cases, $1::text::json) on conflict (id) do nothing`, [JSON.stringify(rows)]);
    await tx.unsafe(
      `insert into case_events (case_id, seq, action, actor_login, actor_authority_id, at, payload)
       select case_id, seq, action, actor_login, actor_authority_id, at, payload from json_populate_recordset(null::case_events, $1::text::json)
       on conflict do nothing`,
      [JSON.stringify(events)],
    );
    await tx.unsafe('select liaison_refresh_exchange_facts($1::uuid[])', [batch.map((x) => x.row.id!)]);
  });
}

export async function loadHistory(
  database: Database,
  procedures: ProcedureV2[],
  directory: HistoryDirectory,
  { batchSize = 2000, log = () => {}, ...options }: LoadHistoryOptions,
): Promise<LoadReport> {
  const t0 = performance.now();
  // The facts join each case to its procedure's published definition.
  await publishCatalog(database.db, procedures);
  const commission = await ensureCommission(database);
  await checkDirectory(database, directory);
  const simulate = historyGenerator(procedures, directory, { ...options, commission });
  const report: LoadReport = { planned: historySize(options), inserted: 0, events: 0, skipped: 0, ms: 0 };
  // The next batch is simulated while PostgreSQL writes the previous one (two cores: one each).
  let writing: Promise<void> = Promise.resolve();
  let done = 0;
  let lastLog = 0;
  const step = async (part: HistorySlot[]) => {
    const present = await database.sql<{ id: string }[]>`select id from cases where id = any(${part.map((s) => s.caseId)}::uuid[])`;
    const have = new Set(present.map((r) => r.id));
    const batch: GeneratedExchange[] = [];
    for (const slot of part) {
      if (have.has(slot.caseId)) continue;
      batch.push(simulate(slot));
      // Let the pending write's statements go out while this batch is made.
      if (batch.length % 100 === 0) await breathe();
    }
    await writing;
    report.skipped += have.size;
    report.inserted += batch.length;
    report.events += batch.reduce((n, x) => n + x.events.length, 0);
    if (batch.length) {
      writing = write(database, batch);
      // Handled when awaited; meanwhile a failure must not count as unhandled.
      writing.catch(() => {});
    }
    done += part.length;
    if (performance.now() - lastLog > 15_000 || done === report.planned) {
      lastLog = performance.now();
      log(`history: ${done} of ${report.planned} exchanges (${report.skipped} already there), ${Math.round((lastLog - t0) / 1000)} s`);
    }
  };
  let part: HistorySlot[] = [];
  for (const slot of historySlots(options)) {
    part.push(slot);
    if (part.length === batchSize) await step(part.splice(0));
  }
  if (part.length) await step(part);
  await writing;
  if (report.inserted) await database.sql`analyze cases, case_events, exchange_facts`;
  report.ms = Math.round(performance.now() - t0);
  return report;
}

/** How many imported cases the database holds (npm start loads the history when it has none yet). */
export async function importedCases(database: Database): Promise<number> {
  const [{ n }] = await database.sql<{ n: number }[]>`select count(*)::int as n from cases where workflow_type = ${IMPORTED_HISTORY}`;
  return n;
}
