/**
 * `npm run bench:translation`: machine translation throughput with Apertium on this machine, as
 * the translateText activity calls it (HTTP to apertium-apy): messages of a case's typical length
 * through a direct pair (es→en), through a pivot (pt→es→en), and for a Nordic pair (sv→da),
 * one at a time and four at once. Baseline in the same run: a request apertium-apy answers without
 * translating (GET /listPairs), the HTTP floor under every translation.
 *
 *   npm run bench:translation -- --messages 200
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { apertiumProvider } from '../activities/translation/apertium.js';
import { planRoute } from '../activities/translation/provider.js';
import { startApertium } from '../lib/apertium.js';
import { freePort } from '../lib/ports.js';
import { repoRoot } from '../scripts/lib/temporal-cli.js';
import { summarize } from './lib/stats.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200' } } });
const n = Number(values.messages);

// Case messages as officials write them: two or three sentences, 150–300 characters.
const TEXTS: Record<string, string[]> = {
  es: [
    'El título de formación es auténtico y fue expedido por la universidad en 2009. No consta ninguna sanción disciplinaria.',
    'Necesitamos más información sobre la duración de la formación práctica. ¿Puede enviarnos el plan de estudios completo?',
    'La profesional está colegiada desde 2010 y ejerce sin restricciones. Adjuntamos el certificado de colegiación actualizado.',
  ],
  pt: [
    'O diploma é autêntico e foi emitido pela universidade em 2009. Não existe qualquer sanção disciplinar registada.',
    'Precisamos de mais informações sobre a duração da formação prática. Pode enviar-nos o plano de estudos completo?',
  ],
  sv: [
    'Examensbeviset är äkta och utfärdades av universitetet 2009. Det finns inga disciplinära åtgärder registrerade.',
    'Vi behöver mer information om den praktiska utbildningens längd. Kan ni skicka hela studieplanen?',
  ],
};

const apy = await startApertium({ port: await freePort() });
try {
  const provider = apertiumProvider(apy.url);
  const translate = async (from: string, to: string, text: string) => {
    const route = (await planRoute([provider], from, to))!;
    let out = text;
    for (let k = 0; k + 1 < route.languages.length; k++) out = await provider.translate(out, route.languages[k], route.languages[k + 1]);
    return out;
  };
  const run = async (label: string, from: string, to: string, concurrency: number) => {
    const texts = TEXTS[from];
    for (const t of texts) await translate(from, to, t); // warm the pipelines
    const times: number[] = [];
    let chars = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const text = texts[next++ % texts.length];
          const s = performance.now();
          await translate(from, to, text);
          times.push(performance.now() - s);
          chars += text.length;
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    return { label, from, to, concurrency, messages: times.length, messagesPerSec: times.length / wall, charsPerSec: chars / wall, latency: summarize(times) };
  };
  const baselineTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fetch(`${apy.url}/listPairs`).then((r) => r.text());
    baselineTimes.push(performance.now() - s);
  }
  const baseline = summarize(baselineTimes);
  const rows = [];
  for (const c of [1, 4]) {
    rows.push(await run('direct es→en', 'es', 'en', c));
    rows.push(await run('pivot pt→es→en', 'pt', 'en', c));
    rows.push(await run('direct sv→da', 'sv', 'da', c));
  }
  const direct1 = rows.find((r) => r.from === 'es' && r.concurrency === 1)!;
  const pivot1 = rows.find((r) => r.from === 'pt' && r.concurrency === 1)!;
  const lines = [
    '# Machine translation throughput (Apertium, local)',
    '',
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · ${n} messages per row`,
    '',
    '| route | in flight | messages/s | characters/s | p50 ms | p95 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.concurrency} | ${r.messagesPerSec.toFixed(1)} | ${Math.round(r.charsPerSec)} | ${r.latency.p50} | ${r.latency.p95} |`),
    `| baseline: GET /listPairs | 1 | | | ${baseline.p50} | ${baseline.p95} |`,
    '',
    `A pivot costs ×${(direct1.messagesPerSec / pivot1.messagesPerSec).toFixed(2)} a direct pair's time; a direct translation is ×${(direct1.latency.p50 / baseline.p50).toFixed(1)} the HTTP floor at p50.`,
  ];
  console.log(lines.join('\n'));
  await writeFile(`${repoRoot}/bench/results/translation.md`, `${lines.join('\n')}\n`);
  await writeFile(`${repoRoot}/bench/results/translation.json`, `${JSON.stringify({ at: new Date().toISOString(), messages: n, baseline, rows }, null, 2)}\n`);
} finally {
  await apy.stop();
}
