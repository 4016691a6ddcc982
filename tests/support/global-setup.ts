/**
 * Starts the real servers the tests talk to, once per run: an embedded PostgreSQL (or the one in
 * DATABASE_URL), a Temporal dev server (or the cluster in TEMPORAL_ADDRESS) and Apertium. Each test file
 * then makes its own database and task queue, so files share no data.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type RunningPostgres } from '../../lib/embedded-postgres.js';
import { APERTIUM_PACKAGES, findApertium, startApertium, type RunningApertium } from '../../lib/apertium.js';
import { freePort } from '../../lib/ports.js';
import { startDevServer, type DevServer } from '../../lib/temporal-dev-server.js';
import { findTemporalCli } from '../../scripts/lib/temporal-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    temporalAddress: string;
    temporalCli: string;
    /** Apertium's HTTP server for machine translation (Debian packages, see .ci/run). */
    apertiumUrl: string;
    /** The browser tests/dashboard.test.ts drives through playwright-core. */
    chromium: string;
  }
}

/** Debian's Chromium: playwright-core downloads no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';

let pg: RunningPostgres | undefined;
let temporal: DevServer | undefined;
let apertium: RunningApertium | undefined;

export default async function setup(project: TestProject) {
  // Checked first: the dashboard test drives a real browser, and finding that out after the
  // servers started would cost a minute for a one-line answer.
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
  const cli = await findTemporalCli({ log: (m) => console.log(m) });
  if (!cli) throw new Error('no Temporal CLI: run `npm run provision` (needs Go) or set TEMPORAL_CLI');
  const dataDir = `.data/test-${process.pid}`;
  const [pgUrl, address] = await Promise.all([
    process.env.DATABASE_URL
      ? Promise.resolve(process.env.DATABASE_URL)
      : freePort().then(async (port) => {
          pg = await startEmbeddedPostgres({ dir: `${dataDir}/pg`, port });
          return pg.urlFor('postgres');
        }),
    process.env.TEMPORAL_ADDRESS
      ? Promise.resolve(process.env.TEMPORAL_ADDRESS)
      : freePort().then(async (port) => {
          temporal = await startDevServer({ cli, port });
          return temporal.address;
        }),
  ]);
  if (!findApertium()) throw new Error(`no apertium-apy: install Debian's ${APERTIUM_PACKAGES.join(' ')} (.ci/run does)`);
  apertium = await startApertium({ port: await freePort() });
  project.provide('apertiumUrl', apertium.url);
  project.provide('chromium', CHROMIUM);
  project.provide('pgAdminUrl', pgUrl);
  project.provide('temporalAddress', address);
  project.provide('temporalCli', cli);
  return async () => {
    await Promise.all([temporal?.stop(), pg?.stop(), apertium?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };
}
