/**
 * Replays recorded case histories (tests/histories/*.json) against the current workflow code, so
 * a change that would break running cases fails the build. `npm run histories:record` records
 * them anew from real runs on the dev server; commit them when the workflow changes on purpose,
 * and keep the old ones: running cases still have those histories.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.js';
import { createParties, isoDate, replyBody } from './support/factories.js';
import { startHarness, workflowBundle, type Harness } from './support/harness.js';
import { historiesDir, recordHistory, recordingHistories } from './support/histories.js';


async function recorded() {
  const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({ file, history: historyFromJSON(JSON.parse(await readFile(`${historiesDir}/${file}`, 'utf8'))) })),
  );
}

describe.runIf(recordingHistories)('recording histories', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const scenarios: Record<string, (api: ReturnType<typeof apiClient>, p: Awaited<ReturnType<typeof createParties>>, id: string) => Promise<void>> = {
    'closed-after-date-change-and-clarification': async (api, p, id) => {
      await api.act(p.responder.login, id, 'accept');
      await api.act(p.responder.login, id, 'propose-reply-date', { date: isoDate(40) });
      await api.act(p.requester.login, id, 'decide-reply-date', { agree: true });
      await api.act(p.responder.login, id, 'request-information', { message: 'Year of graduation?' });
      await api.act(p.requester.login, id, 'provide-information', { message: '2009' });
      await api.act(p.responder.login, id, 'reply', replyBody);
      await api.act(p.requester.login, id, 'close', { timeliness: 4, efforts: 5 });
    },
    'withdrawn-before-acceptance': async (api, p, id) => {
      await api.act(p.requester.login, id, 'withdraw', { message: 'wrong country' });
    },
    'forwarded-then-reopened': async (api, p, id) => {
      await api.act(p.responder.login, id, 'forward', { toAuthorityId: p.otherResponder.authorityId });
      await api.act(p.otherResponder.login, id, 'accept');
      await api.act(p.otherResponder.login, id, 'propose-reply-date', { date: isoDate(35) });
      await api.act(p.requester.login, id, 'decide-reply-date', { agree: false });
      await api.act(p.otherResponder.login, id, 'reply', replyBody);
      await api.act(p.requester.login, id, 'reopen', { message: 'And the training hours?', replyBy: isoDate(20) });
      await api.act(p.otherResponder.login, id, 'reply', replyBody);
    },
  };

  it.each(Object.keys(scenarios))('records %s', async (name) => {
    const api = apiClient(h);
    const p = await createParties(h.database.db);
    const c = await api.open(p);
    await scenarios[name](api, p, c.id);
    await recordHistory(h.temporal.client, c.workflow.id, name);
  });
});

describe('replaying recorded histories', () => {
  it('when every recorded case history is replayed against the current workflow code, then none diverges', async () => {
    const histories = await recorded();
    expect(histories.length).toBeGreaterThanOrEqual(3);
    const bundle = await workflowBundle();

    const results = [];
    for (const { file, history } of histories) {
      const error = await Worker.runReplayHistory({ workflowBundle: bundle }, history, file).then(
        () => undefined,
        (err: Error) => err,
      );
      results.push({ file, error: error?.message });
    }

    expect(results).toEqual(histories.map(({ file }) => ({ file, error: undefined })));
  });

  it('when the workflow code changes its commands, then replaying the histories fails with a determinism violation', async () => {
    const [{ file, history }] = await recorded();
    const altered = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./support/altered-workflow/index.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });

    await expect(Worker.runReplayHistory({ workflowBundle: altered }, history, file)).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
