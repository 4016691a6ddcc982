/**
 * Child processes of the benchmark (worker, API), started the way production starts them, with
 * their output kept in memory so a failure can show what they said.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface Service {
  name: string;
  process: ChildProcess;
  /** Last lines of stdout and stderr. */
  tail(): string[];
  /** Lines that look like warnings or errors (first ones only). */
  notable(): string[];
  lineCount(): number;
  /** Why it exited, once it has. */
  exitReason(): string | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves on exit. Returns how it ended. */
  stop(graceMs?: number): Promise<string>;
}

const NOTABLE = /\b(error|warn(ing)?|fatal|panic|unhandled|exception)\b/i;

export function spawnService(name: string, args: string[], { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv }): Service {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const notable: string[] = [];
  let count = 0;
  let exitReason: string | undefined;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      count += 1;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (NOTABLE.test(line) && notable.length < 20) notable.push(line.slice(0, 500));
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve();
    });
  });
  return {
    name,
    process: child,
    tail: () => [...lines],
    notable: () => [...notable],
    lineCount: () => count,
    exitReason: () => exitReason,
    async stop(graceMs = 15_000) {
      if (exitReason) return `already exited (${exitReason})`;
      child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
      return killed ? `SIGKILLed after ${graceMs} ms (${exitReason})` : exitReason!;
    },
  };
}

/** Polls `url` until it answers 200, failing early if `alive()` returns a reason. */
export async function waitForHttp(url: string, timeoutMs: number, dead: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const why = dead();
    if (why) throw new Error(why);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms: ${last}`);
}

export interface ProcessRow {
  pid: number;
  ppid: number;
  args: string;
}

export function listProcesses(): ProcessRow[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => Boolean(m))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
}

/**
 * Processes left behind: descendants of this process (other than `ps` itself), and anything whose
 * command line names one of `markers` (the bench data dir, the Temporal port).
 */
export function findLeftovers(markers: string[]): ProcessRow[] {
  const all = listProcesses();
  const children = new Map<number, ProcessRow[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found = new Map<number, ProcessRow>();
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    if (found.has(p.pid)) continue;
    found.set(p.pid, p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  for (const p of all) if (p.pid !== process.pid && markers.some((m) => p.args.includes(m))) found.set(p.pid, p);
  return [...found.values()].filter(
    (p) =>
      !p.args.startsWith('ps -eo') &&
      // tsx's esbuild service belongs to this very process and ends with it.
      !(p.ppid === process.pid && /esbuild\S* --service/.test(p.args)),
  );
}
