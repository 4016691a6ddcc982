/**
 * Apertium's HTTP server (apertium-apy) with the language pairs installed from Debian's packages,
 * started by `npm start` and by the tests for machine translation that runs offline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const APERTIUM_PACKAGES = [
  'apertium', 'apertium-apy', 'apertium-eng-spa', 'apertium-es-pt', 'apertium-es-ro', 'apertium-fr-es', 'apertium-spa-ita',
  'apertium-dan-nor', 'apertium-swe-dan', 'apertium-swe-nor', 'apertium-isl-eng', 'apertium-isl-swe', 'apertium-hbs-eng', 'apertium-hbs-slv',
];
const MODES = '/usr/share/apertium/modes';

export function findApertium(): string | null {
  const bin = process.env.APERTIUM_APY ?? '/usr/bin/apertium-apy';
  return existsSync(bin) && existsSync(MODES) ? bin : null;
}

export interface RunningApertium {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startApertium({ port, bin = findApertium(), log = () => {} }: { port: number; bin?: string | null; log?: (l: string) => void }): Promise<RunningApertium> {
  if (!bin) throw new Error(`no apertium-apy: install Debian's ${APERTIUM_PACKAGES.join(' ')}`);
  const child = spawn(bin, ['-p', String(port), '-j', '1', MODES], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => log(String(d).trimEnd()));
  child.stderr!.on('data', (d) => log(String(d).trimEnd()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`apertium-apy exited with ${child.exitCode}`);
    const up = await fetch(`${url}/listPairs`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (up) return { url, process: child, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`apertium-apy did not answer on ${url}`);
}
