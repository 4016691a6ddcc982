/**
 * Runs the Temporal CLI's dev server as a child process, with Liaison's search attributes
 * registered, and waits until it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributes } from '../workflows/contract.js';

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  KEYWORD_LIST: 'KeywordList',
  DATETIME: 'Datetime',
  BOOL: 'Bool',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
};

/** `--search-attribute Name=Type` for each attribute the case workflows set. */
export const searchAttributeArgs = (): string[] =>
  Object.values(searchAttributes).flatMap((k) => ['--search-attribute', `${k.name}=${TYPE_NAMES[k.type]}`]);

export async function waitForTemporal(address: string, timeoutMs: number, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const why = exited?.();
    if (why) throw new Error(why);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}

export async function startDevServer({
  cli,
  port,
  uiPort,
  dbFile,
  log = () => {},
  detached = false,
}: {
  cli: string;
  port: number;
  /** The web UI's port; none when omitted. */
  uiPort?: number;
  /** SQLite file to persist to; in memory when omitted. */
  dbFile?: string;
  log?: (line: string) => void;
  /** In its own process group, so a terminal's Ctrl-C reaches only the parent, which stops it in order. */
  detached?: boolean;
}): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
  if (dbFile) {
    await mkdir(dirname(resolve(dbFile)), { recursive: true });
    // WAL keeps writes cheap on a small disk without giving up durability on a crash of the server.
    args.push('--db-filename', resolve(dbFile), '--sqlite-pragma', 'journal_mode=wal');
  }
  args.push(...searchAttributeArgs());
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  let exitReason: string | undefined;
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      log(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exitReason = `temporal dev server exited (${signal ?? code}):\n${output.join('\n')}`;
      r();
    }),
  );
  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    if (exitReason) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForTemporal(address, 60_000, () => exitReason);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, process: child, stop };
}
