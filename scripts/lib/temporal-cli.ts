/**
 * Locates the `temporal` CLI (the dev server used by `TestWorkflowEnvironment.createLocal`
 * and by `npm start`) without relying on the SDK's run-time binary download, which the
 * project's machines cannot reach.
 *
 * Order:
 *   1. `$TEMPORAL_CLI` (must exist and be executable, otherwise an error is thrown);
 *   2. `temporal` on `PATH`;
 *   3. the cache `<repo>/.cache/bin/temporal`;
 *   4. `go install github.com/temporalio/cli/cmd/temporal@<TEMPORAL_CLI_VERSION>` into that
 *      cache (several minutes the first time, seconds once Go's build cache is warm);
 *   5. nothing found and `go` missing or failing: `null`, meaning "let the SDK download it"
 *      (`{ type: 'cached-download' }`), which only works where that download is reachable.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Version of github.com/temporalio/cli built by `go install`. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** Repository root, from this file's location (scripts/lib/). */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const cacheBinDir: string = join(repoRoot, '.cache', 'bin');
export const cachedCliPath: string = join(cacheBinDir, 'temporal');

/** Same shape as `EphemeralServerExecutable` of @temporalio/testing. */
export type EphemeralServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export interface FindOptions {
  /** Progress messages (default: stderr). */
  log?: (msg: string) => void;
}

const defaultLog = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return false;
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First `name` on PATH that is an executable file, or null. */
export async function whichOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** Runs a command, stderr streamed to ours (prefixed), resolves with its exit code (null if it could not start). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, streamStderr: boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env,
      cwd: repoRoot,
      stdio: ['ignore', streamStderr ? 'inherit' : 'ignore', streamStderr ? 'inherit' : 'ignore'],
    });
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
}

async function goInstall(log: (msg: string) => void): Promise<string | null> {
  const go = await whichOnPath('go');
  if (!go) {
    log('temporal CLI: `go` not found on PATH; falling back to the SDK download');
    return null;
  }
  const target = `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`;
  log(
    `temporal CLI: not found; building it with \`go install ${target}\` into ${cacheBinDir}.\n` +
      '  This takes several minutes the first time (downloading and compiling the Temporal server); ' +
      'later runs use the cached binary.',
  );
  const started = Date.now();
  const code = await run(
    go,
    ['install', target],
    {
      ...process.env,
      GOBIN: cacheBinDir,
      // pure-Go build (sqlite is modernc): no C toolchain needed, static binary
      CGO_ENABLED: process.env.CGO_ENABLED ?? '0',
    },
    true,
  );
  if (code !== 0) {
    log(`temporal CLI: \`go install\` failed (exit ${code}); falling back to the SDK download`);
    return null;
  }
  if (!(await isExecutableFile(cachedCliPath))) {
    log(`temporal CLI: \`go install\` succeeded but ${cachedCliPath} is missing; falling back to the SDK download`);
    return null;
  }
  log(`temporal CLI: built ${cachedCliPath} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return cachedCliPath;
}

let memo: Promise<string | null> | undefined;

/**
 * Path of the `temporal` CLI binary, or `null` when none could be found or built and the
 * caller should let the SDK download it (`{ type: 'cached-download' }`).
 * Throws if `$TEMPORAL_CLI` is set but does not name an executable file.
 * The result is memoised for the process.
 */
export function findTemporalCli(opts: FindOptions = {}): Promise<string | null> {
  memo ??= locate(opts.log ?? defaultLog);
  // a failed lookup (bad $TEMPORAL_CLI) may be retried after fixing the environment
  memo.catch(() => {
    memo = undefined;
  });
  return memo;
}

async function locate(log: (msg: string) => void): Promise<string | null> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (await isExecutableFile(fromEnv)) return fromEnv;
    throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
  }
  const onPath = await whichOnPath('temporal');
  if (onPath) return onPath;
  if (await isExecutableFile(cachedCliPath)) return cachedCliPath;
  return goInstall(log);
}

/** The `executable` option for @temporalio/testing's dev server (`createLocal`). */
export async function temporalCliExecutable(opts: FindOptions = {}): Promise<EphemeralServerExecutable> {
  const path = await findTemporalCli(opts);
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}
