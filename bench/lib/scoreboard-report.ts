/** The markdown summary of bench/scoreboard.ts. */
import os from 'node:os';
import type { Summary } from './stats.js';

interface Result {
  at: string;
  options: Record<string, number>;
  data: { exchanges: number; events: number; exchanges2021: number; historyLoadMs: number; openCases: number; openCasesMs: number };
  scoreboard: { served: Summary; fromEvents: Summary; sameFigures: boolean; usage: Summary };
  overdue: {
    idle: { all: Summary; byScope: Record<string, { listed: number; p50: number; p95: number }> };
    underLoad: { latency: Summary; readsPerSecond: number; writesPerSecond: number; readers: number; writers: number };
  };
  target: { scoreboardMs: number; met: boolean };
}

const row = (name: string, s: Summary) => `| ${name} | ${s.count} | ${s.p50} | ${s.p95} | ${s.max} |`;

export function scoreboardReport(r: Result): string[] {
  const { scoreboard: sb, overdue: od, data } = r;
  return [
    '# Scoreboard and overdue list over IMI-scale data',
    '',
    `${r.at} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · options ${JSON.stringify(r.options)}`,
    '',
    `Data: ${data.exchanges.toLocaleString('en')} exchanges with ${data.events.toLocaleString('en')} events (${data.exchanges2021.toLocaleString('en')} sent in 2021), ` +
      `history loaded in ${Math.round(data.historyLoadMs / 1000)} s; ${data.openCases.toLocaleString('en')} open cases recorded in ${Math.round(data.openCasesMs / 1000)} s.`,
    '',
    '| request | n | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    row('scoreboard 2021, as served (from exchange facts)', sb.served),
    row("baseline: the same after re-deriving 2021's facts from its events", sb.fromEvents),
    row('usage statistics, every year', sb.usage),
    row('overdue list, alone (4 scopes)', od.idle.all),
    row(`overdue list under load (${od.underLoad.readers} readers, ${od.underLoad.writers} writers)`, od.underLoad.latency),
    '',
    `Scoreboard / baseline: ×${(sb.served.p50 / sb.fromEvents.p50).toFixed(3)} at p50; same figures both ways: ${sb.sameFigures ? 'yes' : '**NO**'}. ` +
      `Target: the full scoreboard for one year under ${r.target.scoreboardMs} ms: **${r.target.met ? 'PASS' : 'FAIL'}** (max ${sb.served.max} ms).`,
    '',
    `Overdue list under load / alone: ×${(od.underLoad.latency.p50 / od.idle.all.p50).toFixed(2)} at p50, ×${(od.underLoad.latency.p95 / od.idle.all.p95).toFixed(2)} at p95; ` +
      `${od.underLoad.readsPerSecond} lists/s while ${od.underLoad.writesPerSecond} cases/s were recorded.`,
    '',
    '| scope | cases listed (lapsed or due within 7 days) | p50 ms alone | p95 ms alone |',
    '|---|---:|---:|---:|',
    ...Object.entries(od.idle.byScope).map(([k, v]) => `| ${k} | ${v.listed} | ${v.p50} | ${v.p95} |`),
    '',
    'Latency is per request through the API in-process (Fastify routing, token check, PostgreSQL), without the network.',
  ];
}
