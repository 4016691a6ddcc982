/**
 * Preloaded into the bench's worker (`node --import tsx --import ./bench/lib/heap-probe.mjs`), so the
 * bench can read the JS heap of a process whose code it may not change. Node passes `--import` on to
 * worker threads too, so it also runs in the SDK's workflow thread, where the cached workflows live.
 * Plain JavaScript: tsx's loader does not reach worker threads, and a .ts preload would kill them.
 *
 * The bench writes a number to `$LIAISON_BENCH_PROBE_DIR/request`; each thread then collects garbage
 * (with --expose-gc) and writes `heap-<threadId>.json` (a HeapReport, bench/lib/memory.ts). Polling a
 * file costs next to nothing, and a GC only on request keeps the probe from disturbing what is
 * measured. Inert without the variable.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.LIAISON_BENCH_PROBE_DIR;
if (dir) {
  let served = 0;
  setInterval(() => {
    let n;
    try {
      n = Number(readFileSync(`${dir}/request`, 'utf8'));
    } catch {
      return;
    }
    if (!(n > served)) return;
    served = n;
    const gc = globalThis.gc;
    gc?.();
    const h = v8.getHeapStatistics();
    const report = {
      request: n,
      thread: threadId,
      main: isMainThread,
      heapUsed: h.used_heap_size,
      heapTotal: h.total_heap_size,
      heapLimit: h.heap_size_limit,
      gc: Boolean(gc),
    };
    // Written aside and renamed, so the bench never reads half a file.
    const file = `${dir}/heap-${threadId}`;
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, `${file}.json`);
  }, 200).unref();
}
