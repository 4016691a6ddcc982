/**
 * A harness on Temporal's time-skipping test server (the Java one, see scripts/lib/test-server.ts),
 * for deadlines of days and weeks at their real lengths.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testServerExecutable } from '../../scripts/lib/test-server.js';
import { startHarness, type Harness } from './harness.js';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  h: Harness;
  /**
   * The business clock the API judges dates by (reply dates after today, due within N days): the
   * wall clock plus how far the test server had skipped ahead when last synced, as the workflows see it.
   */
  now(): number;
  /** Reads the test server's time into `now()`. */
  sync(): Promise<number>;
  /** Skips the test server's time forward and syncs. */
  skip(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTimeSkippingHarness(options: Parameters<typeof startHarness>[1] = {}): Promise<TimeSkipping> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await testServerExecutable() } });
  let ahead = 0;
  const now = () => Date.now() + ahead;
  // The test server has no custom search attributes, so the workflow must not set them there.
  const h = await startHarness({ client: env.client, connection: env.nativeConnection, searchAttributes: false }, { clock: now, ...options });
  const sync = async () => {
    const serverNow = await env.currentTimeMs();
    ahead = serverNow - Date.now();
    return serverNow;
  };
  return {
    env,
    h,
    now,
    sync,
    async skip(ms) {
      await env.sleep(ms);
      await sync();
    },
    async close() {
      await h.close();
      await env.teardown();
    },
  };
}
