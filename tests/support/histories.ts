/** Recorded workflow histories, replayed by tests/replay.test.ts against the current code. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export const historiesDir = fileURLToPath(new URL('../histories', import.meta.url));
export const recordingHistories = Boolean(process.env.RECORD_HISTORIES);

/** Saves a case's history when recording (`npm run histories:record`); otherwise does nothing. */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (!recordingHistories) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await writeFile(`${historiesDir}/${new Date().toISOString().slice(0, 10)}-${name}.json`, historyToJSON(history));
}
