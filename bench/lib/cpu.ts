/**
 * CPU time used by each part of the system, from /proc (Linux only; elsewhere every figure is 0):
 * a process plus its live descendants plus the children it has already reaped.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Stat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  self: number;
  /** cutime + cstime: reaped children. */
  reaped: number;
}

// Linux's USER_HZ is 100 on every mainstream architecture.
const TICK_MS = 10;

function readStats(): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return stats;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const raw = readFileSync(`/proc/${e}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: split after the last ')'.
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      // f[0] = state (field 3), so field n is f[n - 3].
      stats.set(Number(e), { ppid: Number(f[1]), self: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) });
    } catch {
      // gone meanwhile
    }
  }
  return stats;
}

/** CPU milliseconds of each named process tree, at this moment. */
export function cpuSnapshot(roots: Record<string, number | undefined>): Record<string, number> {
  const stats = readStats();
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const out: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    if (!root || !stats.has(root)) {
      out[name] = 0;
      continue;
    }
    let ticks = stats.get(root)!.reaped;
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop()!;
      ticks += stats.get(pid)?.self ?? 0;
      // The bench's own tree would include every service: count only the process itself.
      if (name !== 'bench') stack.push(...(children.get(pid) ?? []));
    }
    out[name] = ticks * TICK_MS;
  }
  return out;
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));
}

/** Whole-machine CPU time from /proc/stat, in ms summed over all CPUs: busy and in total. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + (steal || 0);
    return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS };
  } catch {
    return { busy: 0, total: 0 };
  }
}
