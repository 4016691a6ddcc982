/**
 * Migration 0001 turned the request-and-reply case table into the generic one. Cases recorded
 * before it must come through whole, in the same shape the activity now writes for them.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowOfSnapshot } from '../activities/record-case.js';
import { createDatabase, type Database } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { findCase } from '../db/queries.js';
import type { CaseSnapshot } from '../workflows/contract.js';
import { createTestDatabase } from './support/harness.js';

const migrations = fileURLToPath(new URL('../db/migrations', import.meta.url));
let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
let firstOnly: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, { max: 2 });
  // The migrations folder as it was before 0001.
  firstOnly = await mkdtemp(`${tmpdir()}/liaison-migrations-`);
  await cp(migrations, firstOnly, { recursive: true });
  const journal = JSON.parse(await readFile(`${firstOnly}/meta/_journal.json`, 'utf8'));
  journal.entries = journal.entries.slice(0, 1);
  await writeFile(`${firstOnly}/meta/_journal.json`, JSON.stringify(journal));
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
  if (firstOnly) await rm(firstOnly, { recursive: true, force: true });
});

const snapshot: CaseSnapshot = {
  caseId: '0b8e4a3e-3a53-4c1e-9d59-6c0f3a1f2e10',
  procedureId: 'pq-information-request',
  procedureVersion: 1,
  status: 'accepted',
  requester: { authorityId: 'DE-A', country: 'DE' },
  responder: { authorityId: 'FR-B', country: 'FR' },
  submittedBy: 'anna',
  answers: { profession: 'general-nurse' },
  message: 'Please confirm.',
  requestHash: 'h',
  requestedReplyBy: '2026-12-20',
  agreedReplyBy: '2026-12-24',
  pendingReplyDate: null,
  submittedAt: '2026-11-20T10:00:00.000Z',
  acceptBy: '2026-11-27T10:00:00.000Z',
  acceptedAt: '2026-11-28T09:00:00.000Z',
  notAcceptedInTime: true,
  escalatedToCountry: 'FR',
  escalatedAt: '2026-11-27T10:00:00.000Z',
  overdue: false,
  overdueSince: null,
  repliedAt: null,
  closedAt: null,
  withdrawnAt: null,
  reopenUntil: null,
  ratings: null,
  seq: 4,
};

describe('migration 0001', () => {
  it('when a case recorded by the format-1 workflow is migrated, then it reads as the activity now records such a case', async () => {
    await migrate(database.db, { migrationsFolder: firstOnly });
    const s = snapshot;
    await database.sql`insert into authorities (id, country, name) values ('DE-A', 'DE', 'A'), ('FR-B', 'FR', 'B')`;
    await database.sql`
      insert into cases (id, workflow_id, workflow_type, procedure_id, procedure_version, status, requester_authority_id, requester_country,
        responder_authority_id, responder_country, submitted_by, answers, message, request_hash, requested_reply_by, agreed_reply_by,
        submitted_at, accept_by, accepted_at, not_accepted_in_time, escalated_to_country, escalated_at, overdue, seq)
      values (${s.caseId}, ${`case-${s.caseId}`}, 'pq-information-request', ${s.procedureId}, 1, ${s.status}, 'DE-A', 'DE', 'FR-B', 'FR',
        ${s.submittedBy}, ${JSON.stringify(s.answers)}::jsonb, ${s.message}, 'h', ${s.requestedReplyBy}, ${s.agreedReplyBy},
        ${s.submittedAt}, ${s.acceptBy}, ${s.acceptedAt}, true, 'FR', ${s.escalatedAt}, false, 4)`;

    await runMigrations(database);

    const { updatedAt: _u, ...migrated } = (await findCase(database.db, s.caseId))!;
    const expected = rowOfSnapshot(s, 'pq-information-request');
    expect(migrated).toEqual({ ...expected, pendingReplyDate: null, ratingTimeliness: null, ratingEfforts: null });
    expect(migrated).toMatchObject({
      parties: { requester: [{ authorityId: 'DE-A', country: 'DE' }], responder: [{ authorityId: 'FR-B', country: 'FR' }] },
      flags: ['not-accepted-in-time'],
      escalatedCountries: ['FR'],
      deadlines: { reply: '2026-12-25T00:00:00.000Z' },
      nextDueAt: new Date('2026-12-25T00:00:00.000Z'),
      answers: { request: { profession: 'general-nurse' } },
    });
  });
});
