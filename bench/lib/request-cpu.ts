/**
 * The CPU time one request costs: this process plus the PostgreSQL backends that served it. On a
 * shared machine, wall-clock latency also holds the time spent waiting for a CPU while other work
 * runs; CPU time does not, so runs taken under different load can be compared on it.
 *
 * Backends are read from /proc/<pid>/schedstat (time on CPU in nanoseconds; Linux only, elsewhere
 * they count 0); this process from process.cpuUsage (microseconds, every thread, so garbage
 * collection is included).
 */
import { readFileSync } from 'node:fs';

export interface CpuClock {
  /** CPU milliseconds used so far by this process and the backends. */
  now(): number;
  /** Whether backend time is being read (false off Linux, or before track()). */
  readonly backends: boolean;
  /** The backends to count: the pool's connections, once they are open. */
  track(pids: number[]): void;
}

export function cpuClock(): CpuClock {
  let pids: number[] = [];
  let backends = false;
  const backendMs = (pid: number) => {
    try {
      return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return 0;
    }
  };
  return {
    now() {
      const own = process.cpuUsage();
      return (own.user + own.system) / 1000 + pids.reduce((sum, pid) => sum + backendMs(pid), 0);
    },
    get backends() {
      return backends;
    },
    track(list) {
      pids = list;
      backends = list.some((pid) => backendMs(pid) > 0);
    },
  };
}
