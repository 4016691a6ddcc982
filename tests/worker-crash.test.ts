/**
 * A worker process killed in the middle of a case: a new one finishes it, nothing lost, nothing
 * written twice. Workers run as real `worker/main.ts` processes here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { apiClient } from './support/api-client.js';
import { createParties, replyBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { spawnWorker, type WorkerProcess } from './support/worker-process.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
const workers: WorkerProcess[] = [];
const newWorker = async () => {
  const w = await spawnWorker({ databaseUrl: h.database.url, temporalAddress: inject('temporalAddress'), taskQueue: h.taskQueue });
  workers.push(w);
  return w;
};
beforeAll(async () => {
  h = await startHarness(undefined, { inProcessWorker: false });
  api = apiClient(h);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill('SIGKILL')));
  await h?.close();
});

describe('a worker killed mid-case', () => {
  it('when the worker dies between steps and again while an action is being recorded, then new workers finish the case with every event exactly once', async () => {
    // Arrange: a case under way on worker A.
    const p = await createParties(h.database.db);
    const first = await newWorker();
    const c = await api.open(p);
    expect((await api.act(p.responder.login, c.id, 'accept')).statusCode).toBe(200);

    // Act: kill A outright; ask for the reply while no worker runs; B takes over and is killed
    // while it handles the reply; C finishes the case.
    await first.kill('SIGKILL');
    const reply = api.act(p.responder.login, c.id, 'reply', replyBody);
    const second = await newWorker();
    await new Promise((r) => setTimeout(r, 200));
    await second.kill('SIGKILL');
    await newWorker();
    const replied = await reply;
    const closed = await api.act(p.requester.login, c.id, 'close', { timeliness: 2, efforts: 3 });

    // Assert
    expect(replied.statusCode, replied.body).toBe(200);
    expect(closed.statusCode, closed.body).toBe(200);
    const view = (await api.get(p.requester.login, `/v1/cases/${c.id}`)).json();
    expect(view).toMatchObject({ status: 'closed', ratings: { timeliness: 2, efforts: 3 } });
    expect(view.timeline.map((e: { seq: number; action: string }) => [e.seq, e.action])).toEqual([
      [1, 'start'],
      [2, 'accept'],
      [3, 'reply'],
      [4, 'close'],
    ]);
    const [{ count }] = await h.database.sql`select count(*)::int as count from case_events where case_id = ${c.id}`;
    expect(count).toBe(4);
  });
});
