/**
 * A harness on Temporal's time-skipping test server (the Java one, see scripts/lib/test-server.ts),
 * for deadlines of days and weeks at their real lengths.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testServerExecutable } from '../../scripts/lib/test-server.js';
import { startHarness, type Harness } from './harness.js';

export async function startTimeSkippingHarness(options: Parameters<typeof startHarness>[1] = {}): Promise<{ env: TestWorkflowEnvironment; h: Harness; close(): Promise<void> }> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await testServerExecutable() } });
  // The test server has no custom search attributes, so the workflow must not set them there.
  const h = await startHarness({ client: env.client, connection: env.nativeConnection, searchAttributes: false }, options);
  return {
    env,
    h,
    async close() {
      await h.close();
      await env.teardown();
    },
  };
}
