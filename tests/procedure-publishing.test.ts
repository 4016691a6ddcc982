/**
 * Policy owners publish procedures through the API: new procedures and new versions, immutable once
 * published, startable at once by the running worker; a draft can be dry-run first.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../policy-areas/catalog.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { authorityWithOfficial, createParties, replyBody, requestBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

const catalog = await loadCatalog();
const pq = catalog.procedures.get('pq-information-request')!;

let h: Harness;
let api: ReturnType<typeof apiClient>;
let owner: string;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
  owner = (await authorityWithOfficial(h.database.db, 'BE', 'policy', ['policy-owner'])).login;
});
afterAll(async () => h?.close());

/** A new procedure for each test: the PQ request under a fresh id. */
function draft(overrides: Partial<ProcedureV2> = {}): ProcedureV2 {
  return { ...structuredClone(pq), id: `pq-pilot-${randomUUID().slice(0, 8)}`, version: 1, ...overrides };
}

const versions = async (id: string) => (await api.get(owner, `/v1/procedures/${id}/versions`)).json().items?.map((v: { version: number }) => v.version);

describe('publishing', () => {
  it('when a policy owner publishes a new procedure, then it is listed with its version and an official can start a case on it at once', async () => {
    const p = await createParties(h.database.db);
    const d = draft();

    const published = await api.post(owner, '/v1/procedures', d);
    const listed = (await api.get(p.requester.login, '/v1/procedures?area=professional-qualifications')).json();
    const started = await api.post(p.requester.login, '/v1/cases', { ...requestBody(p.responder.authorityId), procedure: d.id });

    expect(published.statusCode, published.body).toBe(201);
    expect(published.headers.location).toBe(`/v1/procedures/${d.id}?version=1`);
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(d.id);
    expect((await api.get(owner, `/v1/procedures/${d.id}/versions`)).json()).toMatchObject({ items: [{ version: 1, source: 'api', publishedBy: owner }] });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ procedure: { id: d.id, version: 1 }, workflow: { type: d.id }, status: 'submitted' });
  });

  it('when version 2 is published while a case runs on version 1, then that case finishes on version 1 and new cases run on version 2', async () => {
    const p = await createParties(h.database.db);
    const v1 = draft();
    await api.post(owner, '/v1/procedures', v1);
    const onV1 = await api.open(p, { procedure: v1.id });
    await api.act(p.responder.login, onV1.id, 'accept');
    // Version 2 asks one more, required, question in the reply.
    const v2 = structuredClone({ ...v1, version: 2 });
    v2.forms.reply.questions.push({ id: 'register-entry', type: 'text', label: { en: 'Register entry number' }, required: true });

    const published = await api.post(owner, '/v1/procedures', v2);
    const repliedOnV1 = await api.act(p.responder.login, onV1.id, 'reply', replyBody);
    const closedOnV1 = await api.act(p.requester.login, onV1.id, 'close', {});
    const onV2 = await api.open(p, { procedure: v1.id });
    await api.act(p.responder.login, onV2.id, 'accept');
    const replyWithoutNewAnswer = await api.act(p.responder.login, onV2.id, 'reply', replyBody);

    expect(published.statusCode, published.body).toBe(201);
    expect(await versions(v1.id)).toEqual([2, 1]);
    expect(repliedOnV1.statusCode, repliedOnV1.body).toBe(200);
    expect(closedOnV1.json()).toMatchObject({ status: 'closed', procedure: { version: 1 } });
    expect(onV2.procedure.version).toBe(2);
    expect(expectProblem(replyWithoutNewAnswer, 400).detail).toMatch(/register-entry/);
  });

  it('when the same definition is published again, then nothing changes and the answer says so', async () => {
    const d = draft();
    await api.post(owner, '/v1/procedures', d);

    const again = await api.post(owner, '/v1/procedures', d);

    expect(again.statusCode).toBe(200);
    expect(await versions(d.id)).toEqual([1]);
  });
});

describe('refused publications', () => {
  it('when an official who is not a policy owner, or the owner of another legal area, publishes, then it is refused with 403', async () => {
    const p = await createParties(h.database.db);
    const d = draft();

    const otherArea = (await authorityWithOfficial(h.database.db, 'BE', 'gdpr-owner', ['policy-owner'], ['gdpr'])).login;

    expectProblem(await api.post(p.requester.login, '/v1/procedures', d), 403, /only policy owners/);
    expectProblem(await api.post(otherArea, '/v1/procedures', d), 403, /not registered for professional-qualifications/);
    expectProblem(await api.get(owner, `/v1/procedures/${d.id}/versions`), 404);
  });

  it('when a definition has several problems, then every one is listed with its path and nothing is published', async () => {
    const d = draft();
    d.actions.accept.by = ['registrar'];
    d.deadlines.acceptance.onExpiry = {};
    const malformed = { ...draft(), kind: 'petition', version: 0 };

    const res = await api.post(owner, '/v1/procedures', d);
    const schemaRes = await api.post(owner, '/v1/procedures', malformed);

    const problem = expectProblem(res, 422) as unknown as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: '/actions/accept/by/0', message: expect.stringMatching(/unknown role "registrar"/) },
        { path: '/deadlines/acceptance/onExpiry', message: expect.any(String) },
      ]),
    );
    const schemaProblem = expectProblem(schemaRes, 422) as unknown as { errors: { path: string }[] };
    expect(schemaProblem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/kind', '/version']));
    expectProblem(await api.get(owner, `/v1/procedures/${d.id}/versions`), 404);
    expectProblem(await api.get(owner, `/v1/procedures/${malformed.id}/versions`), 404);
  });

  it('when a published version is sent again with other content, or an older version number, then it is refused with 409 and the published one stays', async () => {
    const d = draft();
    await api.post(owner, '/v1/procedures', d);
    await api.post(owner, '/v1/procedures', { ...d, version: 2 });

    const changed = await api.post(owner, '/v1/procedures', { ...d, version: 2, legalBasis: 'Something else' });
    const older = await api.post(owner, '/v1/procedures', { ...d, version: 1, legalBasis: 'Something else' });
    const shipped = await api.post(owner, '/v1/procedures', { ...pq, legalBasis: 'Edited in place' });

    expect(expectProblem(changed, 409).detail).toMatch(/immutable/);
    expect(expectProblem(older, 409).detail).toMatch(/numbered 3 or later/);
    expectProblem(shipped, 409);
    const current = (await api.get(owner, `/v1/procedures/${d.id}?version=2`)).json();
    expect(current.definition.legalBasis).toBe(d.legalBasis);
    expect((await api.get(owner, `/v1/procedures/pq-information-request`)).json().definition.legalBasis).toBe(pq.legalBasis);
  });
});

describe('dry runs', () => {
  it('when a policy owner dry-runs a draft with a scenario, then the report shows the path, the timers that fired on their days, and nothing is published', async () => {
    const d = draft();
    const scenario = {
      start: { answers: requestBody('x').answers, replyBy: '+30' },
      steps: [
        { afterDays: 8, as: 'responder', action: 'accept' },
        { afterDays: 1, as: 'responder', action: 'reply', input: replyBody },
        { as: 'requester', action: 'close', input: { timeliness: 2 } },
        { as: 'requester', action: 'withdraw' },
      ],
    };

    const res = await api.post(owner, '/v1/procedures/dry-runs', { definition: d, scenario });

    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.path.map((e: { event: string }) => e.event)).toEqual(['start', 'acceptance-reminder', 'acceptance-expired', 'accept', 'reply', 'close']);
    expect(report.timersFired).toEqual([
      { day: 5, event: 'acceptance-reminder' },
      { day: 7, event: 'acceptance-expired' },
    ]);
    expect(report).toMatchObject({ status: 'closed', final: false, flags: ['not-accepted-in-time'] });
    expect(report.refused).toMatchObject({ step: 3, action: 'withdraw', reason: expect.stringMatching(/cannot withdraw a case that is closed/) });
    expectProblem(await api.get(owner, `/v1/procedures/${d.id}/versions`), 404);
  });

  it('when the scenario names an action or role the draft does not have, then it is refused with 400 before anything runs', async () => {
    const res = await api.post(owner, '/v1/procedures/dry-runs', { definition: draft(), scenario: { steps: [{ as: 'judge', action: 'approve' }] } });

    const problem = expectProblem(res, 400) as unknown as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['body.scenario.steps.0.action', 'body.scenario.steps.0.as']);
  });
});
