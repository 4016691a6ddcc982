/**
 * Provisions the Temporal servers used by the tests and by `npm start`, with no run-time
 * binary download:
 *   - the `temporal` CLI (dev server): $TEMPORAL_CLI, PATH, .cache/bin, or `go install`;
 *   - the Java time-skipping test server: Maven Central -> .cache/temporal-test-server.
 * Idempotent; fast once cached. Run by `npm test` and by CI.
 *
 *   node --import tsx scripts/provision.ts
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findTemporalCli, TEMPORAL_CLI_VERSION } from './lib/temporal-cli.js';
import { ensureTestServer, testServerVersion } from './lib/test-server.js';

const log = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

async function cliVersion(path: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 10_000 });
    return stdout.trim();
  } catch (err) {
    return `(could not run: ${(err as Error).message})`;
  }
}

const started = Date.now();
let failed = false;

// Both may take minutes on a clean machine; run them side by side.
const [cli, testServer] = await Promise.allSettled([findTemporalCli({ log }), ensureTestServer({ log })]);

if (cli.status === 'fulfilled') {
  if (cli.value) {
    console.log(`temporal CLI:         ${cli.value} (${await cliVersion(cli.value)})`);
  } else {
    console.log(
      `temporal CLI:         not available (go install of ${TEMPORAL_CLI_VERSION} failed); ` +
        'tests fall back to the SDK download',
    );
  }
} else {
  failed = true;
  console.log(`temporal CLI:         ERROR ${(cli.reason as Error).message}`);
}

if (testServer.status === 'fulfilled') {
  console.log(
    `temporal test server: ${testServer.value} (io.temporal:temporal-test-server ${await testServerVersion()})`,
  );
} else {
  failed = true;
  console.log(`temporal test server: ERROR ${(testServer.reason as Error).message}`);
}

console.log(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed ? 1 : 0;
