/**
 * Java time-skipping Temporal test server, provisioned from Maven Central instead of the
 * native binary that @temporalio/testing downloads at run time.
 *
 *   scripts/test-server/pom.xml                  declares io.temporal:temporal-test-server
 *   <repo>/.cache/temporal-test-server/lib/      its runtime classpath (mvn dependency:copy-dependencies)
 *   <repo>/.cache/temporal-test-server/server.jsa  AppCDS archive, halves JVM start-up
 *   scripts/test-server/temporal-test-server.sh  the executable handed to the SDK
 *
 * Use:
 *   TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await testServerExecutable() } })
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as fsConstants, existsSync } from 'node:fs';
import { access, mkdir, readFile, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot, whichOnPath, type EphemeralServerExecutable, type FindOptions } from './temporal-cli.js';

export const testServerDir: string = join(repoRoot, 'scripts', 'test-server');
export const pomPath: string = join(testServerDir, 'pom.xml');
export const wrapperPath: string = join(testServerDir, 'temporal-test-server.sh');
export const testServerHome: string = join(repoRoot, '.cache', 'temporal-test-server');
export const libDir: string = join(testServerHome, 'lib');
export const cdsArchivePath: string = join(testServerHome, 'server.jsa');
/** sha256 of the pom.xml the lib folder was made from; a change re-provisions. */
const stampPath = join(testServerHome, 'pom.sha256');
/** The java the AppCDS archive was made with (an archive only fits the JVM that made it). */
const cdsJavaPath = join(testServerHome, 'server.jsa.java');

const defaultLog = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

/**
 * Runs a command with its output passed on to our stderr, ANSI codes removed (Maven 3.8
 * prints colour resets on both streams even with -B -q).
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const pass = (chunk: string): void => {
      const text = chunk.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
      if (text.trim()) process.stderr.write(text);
    };
    child.stdout.setEncoding('utf8').on('data', pass);
    child.stderr.setEncoding('utf8').on('data', pass);
    child.once('error', () => resolve(null));
    child.once('close', (code) => resolve(code));
  });
}

async function pomHash(): Promise<string> {
  return createHash('sha256')
    .update(await readFile(pomPath))
    .digest('hex');
}

/** Version of io.temporal:temporal-test-server in lib/, from its jar name. */
export async function testServerVersion(): Promise<string | null> {
  try {
    for (const f of await readdir(libDir)) {
      const m = /^temporal-test-server-(.+)\.jar$/.exec(f);
      if (m) return m[1];
    }
  } catch {
    /* not provisioned */
  }
  return null;
}

async function isProvisioned(hash: string): Promise<boolean> {
  if ((await testServerVersion()) === null) return false;
  try {
    return (await readFile(stampPath, 'utf8')).trim() === hash;
  } catch {
    return false;
  }
}

async function copyDependencies(hash: string, log: (msg: string) => void): Promise<void> {
  const mvn = await whichOnPath('mvn');
  if (!mvn) throw new Error('temporal test server: `mvn` not found on PATH (needs Maven and Java 17+)');
  if (!(await whichOnPath('java')) && !process.env.JAVA_HOME) {
    throw new Error('temporal test server: `java` not found on PATH (needs Java 17+)');
  }
  log(`temporal test server: fetching io.temporal:temporal-test-server from Maven Central into ${libDir}`);
  await mkdir(testServerHome, { recursive: true });
  // into a fresh folder first, so an interrupted run never leaves a half-filled lib/
  const tmp = `${libDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const code = await run(mvn, [
    '-q',
    '-B',
    '-f',
    pomPath,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ]);
  if (code !== 0) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`temporal test server: mvn dependency:copy-dependencies failed (exit ${code})`);
  }
  await rm(libDir, { recursive: true, force: true });
  await rename(tmp, libDir);
  await rm(cdsArchivePath, { force: true }); // made for the old classpath
  await writeFile(stampPath, `${hash}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Makes the AppCDS archive: runs the server once with -XX:ArchiveClassesAtExit, sends it
 * the usual first requests so the gRPC/protobuf classes get archived too, then stops it
 * with SIGTERM (the archive is written at JVM exit). Best effort: failure only costs
 * start-up time.
 */
async function createCdsArchive(log: (msg: string) => void): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const tmp = `${cdsArchivePath}.tmp-${process.pid}`;
  await rm(tmp, { force: true });
  const port = await freePort();
  const started = Date.now();
  const child = spawn(wrapperPath, [String(port)], {
    env: { ...process.env, TEMPORAL_TEST_SERVER_CDS_DUMP: tmp },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
  try {
    let connection: Awaited<ReturnType<typeof Connection.connect>> | undefined;
    while (!connection && Date.now() - started < 60_000 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
      connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1_000 }).catch(
        () => undefined,
      );
    }
    if (!connection) throw new Error('server did not answer');
    try {
      const svc = connection.workflowService;
      await svc.getSystemInfo({});
      await svc.describeNamespace({ namespace: 'default' });
      const workflowId = `cds-training-${process.pid}`;
      await svc.startWorkflowExecution({
        namespace: 'default',
        workflowId,
        requestId: workflowId,
        workflowType: { name: 'cdsTraining' },
        taskQueue: { name: 'cds-training' },
      });
      await svc.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
      await svc.terminateWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId } });
    } catch {
      // the archive still covers start-up, which is what matters most
    } finally {
      await connection.close();
    }
  } catch (err) {
    log(`temporal test server: AppCDS archive skipped (${(err as Error).message}); start-up will be slower`);
    child.kill('SIGKILL');
    await exited;
    await rm(tmp, { force: true });
    return;
  }
  child.kill('SIGTERM');
  await exited;
  if (existsSync(tmp)) {
    await writeFile(cdsJavaPath, `${(await resolveJava()) ?? ''}\n`);
    await rename(tmp, cdsArchivePath);
    log(`temporal test server: AppCDS archive ${cdsArchivePath} made in ${Date.now() - started} ms`);
  } else {
    log('temporal test server: JVM wrote no AppCDS archive; start-up will be slower');
  }
}

/** The java the wrapper will run (same rule as the wrapper), symlinks resolved. */
async function resolveJava(): Promise<string | null> {
  const fromHome = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : null;
  let java: string | null = null;
  if (fromHome && (await access(fromHome, fsConstants.X_OK).then(() => true, () => false))) java = fromHome;
  else java = await whichOnPath('java');
  return java ? realpath(java).catch(() => java) : null;
}

/** Drops the AppCDS archive when it was made by another JVM than the one in use now. */
async function dropStaleCdsArchive(): Promise<void> {
  if (!existsSync(cdsArchivePath)) return;
  const java = await resolveJava();
  const madeWith = await readFile(cdsJavaPath, 'utf8').then((s) => s.trim(), () => null);
  if (java !== madeWith) await rm(cdsArchivePath, { force: true });
}

let memo: Promise<string> | undefined;

/**
 * Makes sure the Java test server is provisioned (lib/ from Maven when missing or when
 * pom.xml changed, then the AppCDS archive) and returns the wrapper's path, the
 * `existing-path` executable for `TestWorkflowEnvironment.createTimeSkipping`.
 * Memoised for the process.
 */
export function ensureTestServer(opts: FindOptions = {}): Promise<string> {
  memo ??= provision(opts.log ?? defaultLog);
  memo.catch(() => {
    memo = undefined;
  });
  return memo;
}

async function provision(log: (msg: string) => void): Promise<string> {
  await access(wrapperPath, fsConstants.X_OK).catch(() => {
    throw new Error(`temporal test server: ${wrapperPath} is missing or not executable`);
  });
  const hash = await pomHash();
  if (!(await isProvisioned(hash))) await copyDependencies(hash, log);
  await dropStaleCdsArchive();
  if (!existsSync(cdsArchivePath)) await createCdsArchive(log);
  return wrapperPath;
}

/**
 * The `executable` option for `TestWorkflowEnvironment.createTimeSkipping`: the Java
 * server's wrapper, or, when it cannot be provisioned (no Java/Maven), the SDK's own
 * download (`cached-download`), which needs network access to GitHub.
 */
export async function testServerExecutable(opts: FindOptions = {}): Promise<EphemeralServerExecutable> {
  try {
    return { type: 'existing-path', path: await ensureTestServer(opts) };
  } catch (err) {
    (opts.log ?? defaultLog)(`${(err as Error).message}; falling back to the SDK's test server download`);
    return { type: 'cached-download' };
  }
}
