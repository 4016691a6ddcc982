/**
 * The generated IMI history (db/generate-history.ts, db/load-history.ts), at a small scale over a
 * small directory, in a real PostgreSQL: repeatable, at the published volumes, every case final,
 * facts derived from the events, loaded once, countries that differ; and read-only in the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory, insertDirectory, readDirectoryData, type GeneratedDirectory } from '../db/generate-directory.js';
import { generateHistory, HISTORY_YEARS, IMPORTED_HISTORY, yearVolume } from '../db/generate-history.js';
import { loadHistory, type LoadReport } from '../db/load-history.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { startHarness, type Harness } from './support/harness.js';

const SEED = 7;
const SCALE = 0.004;
let h: Harness;
let directory: GeneratedDirectory;
let procedures: ProcedureV2[];
let first: LoadReport;

beforeAll(async () => {
  h = await startHarness(undefined, { inProcessWorker: false });
  const [data, vocabulary, catalog] = await Promise.all([readDirectoryData(), readCompetences(), loadCatalog()]);
  procedures = [...catalog.procedures.values()];
  // Every country's national bodies and a few regional ones: enough for every area, quick to insert.
  directory = generateDirectory(data, vocabulary, { authorityCount: 1500, officialCount: 2500, allAreas: [...catalog.areas.keys()] });
  await insertDirectory(h.database.db, directory);
  first = await loadHistory(h.database, procedures, directory, { seed: SEED, years: HISTORY_YEARS, scale: SCALE });
});
afterAll(async () => h?.close());

const query = <T extends object>(text: string, params: unknown[] = []) => h.database.sql.unsafe<T[]>(text, params as never[]);

describe('the history generator', () => {
  it('when run twice with one seed, then it gives the same exchanges, and another seed other ones', () => {
    const take = (seed: number) => [...generateHistory(procedures, directory, { seed, years: [2021], scale: 0.0005 })];

    const a = take(SEED);

    expect(take(SEED)).toEqual(a);
    expect(take(SEED + 1).map((x) => x.row.id)).not.toEqual(a.map((x) => x.row.id));
    expect(take(SEED + 1).map((x) => x.events.map((e) => e.at))).not.toEqual(a.map((x) => x.events.map((e) => e.at)));
  });

  it('when loaded, then each year holds its scaled share of IMI’s published volumes, information requests on qualifications the most', async () => {
    const years = await query<{ year: number; n: number }>(`select extract(year from started_at)::int as year, count(*)::int as n from cases group by 1 order by 1`);
    const [top] = await query<{ procedure_id: string }>(`select procedure_id from cases group by 1 order by count(*) desc limit 1`);

    expect(years).toEqual(HISTORY_YEARS.map((year) => ({ year, n: yearVolume(year, SCALE) })));
    expect(first).toMatchObject({ planned: first.inserted, skipped: 0 });
    expect(top.procedure_id).toBe('pq-information-request');
  });

  it('when loaded, then every case is final, recorded as imported history, with an event log numbered from its start', async () => {
    const [c] = await query<{ open: number; other: number; gaps: number }>(`
      select count(*) filter (where not final)::int as open, count(*) filter (where workflow_type <> $1)::int as other,
        count(*) filter (where seq <> (select count(*) from case_events e where e.case_id = c.id)
          or (select action from case_events e where e.case_id = c.id and e.seq = 1) <> 'start')::int as gaps
      from cases c`, [IMPORTED_HISTORY]);
    const timers = await query<{ action: string }>(`select distinct action from case_events where actor_login is null order by 1`);

    expect(c).toEqual({ open: 0, other: 0, gaps: 0 });
    // Deadlines fired as a workflow's timers would: reminders, lapsed weeks, archiving.
    expect(timers.map((t) => t.action)).toEqual(expect.arrayContaining(['acceptance-reminder', 'acceptance-expired', 'reply-expired', 'reopen-window-expired']));
  });

  it('when loaded, then every case has exchange facts, accepted and replied at the times of its events', async () => {
    const [f] = await query<{ cases: number; facts: number; wrong: number; accepted: number }>(`
      select (select count(*) from cases)::int as cases, count(*)::int as facts,
        count(*) filter (where f.counts_acceptance and f.accepted_at is distinct from
          (select min(at) from case_events e where e.case_id = f.case_id and e.action = 'accept')
          or f.counts_reply and f.replied_at is distinct from (select min(at) from case_events e where e.case_id = f.case_id and e.action = 'reply'))::int as wrong,
        count(*) filter (where f.accepted_at is not null and f.replied_at > f.accepted_at)::int as accepted
      from exchange_facts f`);

    expect(f).toMatchObject({ facts: f.cases, wrong: 0 });
    expect(f.accepted).toBeGreaterThan(f.cases / 3);
  });

  it('when loaded a second time with the same seed, then nothing is added', async () => {
    const again = await loadHistory(h.database, procedures, directory, { seed: SEED, years: HISTORY_YEARS, scale: SCALE });
    const [{ n }] = await query<{ n: number }>(`select count(*)::int as n from cases`);

    expect(again).toMatchObject({ planned: first.planned, inserted: 0, events: 0, skipped: first.planned });
    expect(n).toBe(first.planned);
  });

  it('when the countries’ replies are compared, then some accept and answer much faster than others', async () => {
    const rows = await query<{ country: string; accepted7: number; days: number }>(`
      select responding_country as country,
        avg(case when accepted_at <= sent_at + interval '7 days' then 1.0 else 0 end)::float as accepted7,
        avg(extract(epoch from replied_at - sent_at) / 86400)::float as days
      from exchange_facts where counts_acceptance and replied_at is not null
      group by 1 having count(*) >= 20`);
    const spread = (k: 'accepted7' | 'days') => Math.max(...rows.map((r) => r[k])) - Math.min(...rows.map((r) => r[k]));

    expect(rows.length).toBeGreaterThan(10);
    expect(spread('accepted7')).toBeGreaterThan(0.25);
    expect(spread('days')).toBeGreaterThan(10);
  });
});

describe('GET and POST /v1/cases/{id} on imported history', () => {
  it('when an imported case is read, then it comes from the database; when acted on, then 409 imported history is read-only', async () => {
    const [c] = await query<{ id: string; login: string; events: number }>(`
      select c.id, e.actor_login as login, c.seq as events from cases c join case_events e on e.case_id = c.id and e.seq = 1
      where c.procedure_id = 'pq-information-request' and c.status = 'archived' order by c.id limit 1`);
    const api = apiClient(h);

    const read = await api.get(c.login, `/v1/cases/${c.id}`);
    const acted = await api.act(c.login, c.id, 'reopen', { message: 'One more question', replyBy: '2030-01-01' });

    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: c.id, status: 'archived', final: true, workflow: { type: IMPORTED_HISTORY }, availableActions: [] });
    expect(read.json().timeline).toHaveLength(c.events);
    expect(expectProblem(acted, 409, /imported history is read-only/)).toMatchObject({ type: '/problems/imported-history' });
  });
});
