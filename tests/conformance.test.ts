/**
 * Every one of the shipped procedures, started through the API and driven along one complete path
 * to a final state by the real worker on Temporal's time-skipping server, timers included at their
 * legal lengths. The path is planned on the pure interpreter (support/conformance-driver.ts); this
 * test replays it through HTTP, Temporal and PostgreSQL and checks each step lands where planned.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorities, officials } from '../db/schema/index.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Form } from '../policy-areas/types.js';
import { apiClient } from './support/api-client.js';
import { answersFor, walkToEnd, WALK_AUTHORITIES } from './support/conformance-driver.js';
import { eventually } from './support/eventually.js';
import type { Harness } from './support/harness.js';
import { startTimeSkippingHarness } from './support/time-skipping.js';

const DAY = 86_400_000;
const catalog = await loadCatalog();
const definitions = [...catalog.procedures.values()].sort((a, b) => a.id.localeCompare(b.id));

let env: TestWorkflowEnvironment;
let h: Harness;
let api: ReturnType<typeof apiClient>;
let close: () => Promise<void>;
let sync: () => Promise<number>;

/** The walk's placeholder authorities, plus the ones its effects name, each with one official. */
const loginOf = (authorityId: string) => authorityId.toLowerCase();
beforeAll(async () => {
  // The API checks reply dates against the test server's skipped-ahead time, as the workflows do.
  ({ env, h, close, sync } = await startTimeSkippingHarness());
  api = apiClient(h);
  const all = [...Object.values(WALK_AUTHORITIES).flat(), { authorityId: 'FR-OTHER', country: 'FR' }, { authorityId: 'NL-RECIPIENT', country: 'NL' }];
  const areas = [...catalog.areas.keys()];
  const coordinators = [...new Set(all.map((p) => p.country))].map((c) => ({ authorityId: `${c}-COORDINATOR`, country: c }));
  await h.database.db.insert(authorities).values([...all, ...coordinators].map((p) => ({ id: p.authorityId, country: p.country, name: p.authorityId, areas })));
  await h.database.db.insert(officials).values([
    ...all.map((p) => ({ login: loginOf(p.authorityId), name: p.authorityId, authorityId: p.authorityId, roles: ['official'] })),
    ...coordinators.map((p) => ({ login: loginOf(p.authorityId), name: p.authorityId, authorityId: p.authorityId, roles: ['official', 'coordinator'] })),
  ]);
}, 60_000);
afterAll(async () => close?.());

interface CaseJson {
  id: string;
  status: string;
  final: boolean;
  deadlines: { id: string; due: string }[];
}

/** The official who acts in a role: the walk's authority for it, or the coordinator of the country it coordinates. */
function loginFor(def: ProcedureV2, role: string): string {
  const r = def.roles[role];
  if (r.party === 'coordinator') return loginOf(`${WALK_AUTHORITIES[def.roles[r.of!].party][0].country}-COORDINATOR`);
  return loginOf(WALK_AUTHORITIES[r.party][0].authorityId);
}

describe('every procedure through the real system', () => {
  it.each(definitions.map((d) => [d.id, d] as const))('when %s is driven along a complete path, then it reaches a final state', async (_id, def) => {
    const walk = walkToEnd(def);
    const starter = loginFor(def, def.start.by);
    const parties = Object.fromEntries(
      Object.entries(def.roles)
        .filter(([role, r]) => role !== def.start.by && r.party !== 'coordinator' && r.party !== 'commission')
        .map(([role, r]) => [role, WALK_AUTHORITIES[r.party].map((p) => p.authorityId)]),
    );
    const now = await sync();
    const started = await api.post(starter, '/v1/cases', {
      procedure: def.id,
      parties,
      answers: def.start.form ? answersFor(def.forms[def.start.form] as Form) : undefined,
      message: 'Opening message',
      replyBy: def.start.replyDate ? new Date(now + 30 * DAY).toISOString().slice(0, 10) : undefined,
    });
    expect(started.statusCode, started.body).toBe(201);
    let c = started.json() as CaseJson;

    const path: string[] = [];
    for (const step of walk.steps) {
      if (step.kind === 'action') {
        const { toCountry: _c, recipients, ...input } = step.input;
        const body = { ...input, ...(recipients ? { recipients: recipients.map((p) => p.authorityId) } : {}) };
        const res = await api.act(loginFor(def, step.role), c.id, step.id, JSON.parse(JSON.stringify(body)));
        expect(res.statusCode, `${path.join(' → ')} → ${step.id}: ${res.body}`).toBe(200);
        c = res.json() as CaseJson;
        path.push(step.id);
      } else {
        const due = c.deadlines.find((d) => d.id === step.id);
        expect(due, `${path.join(' → ')} → ${step.id} should be running: ${JSON.stringify(c.deadlines)}`).toBeDefined();
        const wait = Date.parse(due!.due) - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait + 60_000);
        c = await eventually(() => api.get(starter, `/v1/cases/${c.id}`).then((r) => r.json() as CaseJson), (v) => v.status === step.status, `${step.id} to move the case to ${step.status}`, { intervalMs: 50 });
        path.push(`${step.id} expires`);
      }
    }

    expect({ path, status: c.status, final: c.final }).toEqual({ path: walk.path, status: walk.status, final: true });
  });
});
