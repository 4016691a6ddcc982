/** The overdue list for four supervisors' scopes, alone and under concurrent reads and case writes. */
import type { Database } from '../../db/client.js';
import type { GeneratedDirectory } from '../../db/generate-directory.js';
import { recordOpenCases } from './open-cases.js';
import { summarize } from './stats.js';
import type { inProcessApi } from './api.js';

type Api = Awaited<ReturnType<typeof inProcessApi>>;
const URL = '/v1/supervision/overdue?withinDays=7&limit=50';

export async function overdueUnderLoad(database: Database, api: Api, directory: GeneratedDirectory, o: { seconds: number; concurrency: number; seed: number }) {
  const [busiest] = await database.sql<{ id: string }[]>`
    select unnest(authority_ids) as id from cases where not final group by 1 order by count(*) desc limit 1`;
  const coordinator = directory.officials.find((x) => x.roles.includes('coordinator') && x.authorityId.startsWith('DE-'))!;
  const official = directory.officials.find((x) => x.authorityId === busiest.id)!;
  const scopes = { 'IMI team (every case)': 'bench.imi', 'national coordinator (DE)': coordinator.login, 'policy owner (every area)': 'eva.lind', 'official (busiest authority)': official.login };
  const headers = Object.fromEntries(await Promise.all(Object.entries(scopes).map(async ([k, login]) => [k, await api.headers(login)] as const)));

  const idle: Record<string, { listed: number; p50: number; p95: number }> = {};
  const idleAll: number[] = [];
  for (const [scope, h] of Object.entries(headers)) {
    const ms: number[] = [];
    let listed = 0;
    for (let i = 0; i < 30; i++) {
      const r = await api.timedGet(h, URL);
      if (i >= 5) ms.push(r.ms);
      listed = (r.body as { counts: { total: number } }).counts.total;
    }
    const s = summarize(ms);
    idle[scope] = { listed, p50: s.p50, p95: s.p95 };
    idleAll.push(...ms);
  }

  const until = performance.now() + o.seconds * 1000;
  const load: number[] = [];
  let writes = 0;
  const all = Object.values(headers);
  const reader = async (n: number) => {
    for (let i = n; performance.now() < until; i++) load.push((await api.timedGet(all[i % all.length], URL)).ms);
  };
  // Writers record new open cases through the recording activity, as workflows do when cases start or timers fire.
  const writer = async (n: number) => {
    for (let i = 0; performance.now() < until; i++, writes++) await recordOpenCases(database.db, directory, Date.now(), 1, o.seed * 1000 + n * 100_000 + i, 1);
  };
  const t0 = performance.now();
  await Promise.all([...Array.from({ length: o.concurrency }, (_, n) => reader(n)), writer(1), writer(2)]);
  const elapsed = (performance.now() - t0) / 1000;
  return {
    idle: { all: summarize(idleAll), byScope: idle },
    underLoad: { latency: summarize(load), readsPerSecond: Math.round(load.length / elapsed), writesPerSecond: Math.round(writes / elapsed), readers: o.concurrency, writers: 2 },
  };
}
