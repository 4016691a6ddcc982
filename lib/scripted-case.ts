/**
 * Cases written to PostgreSQL exactly as a workflow records them (the pure interpreter produces the
 * events, the real recording activity writes them), at chosen dates. For the scoreboard's tests and
 * benchmark, which need cases spread over months without running a workflow for every day; the
 * workflow side of the same events is covered by the workflow tests. These cases have no workflow.
 */
import { randomUUID } from 'node:crypto';
import { recordActivities } from '../activities/record-case.js';
import type { Db } from '../db/client.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import type { Actor, Party } from '../workflows/contract.js';
import { Interpreter, type ActionInput } from '../workflows/interpreter.js';

const DAY = 86_400_000;
const catalog = loadCatalog();

export interface Official {
  login: string;
  authorityId: string;
  country: string;
  roles?: string[];
}

export interface Step {
  /** Days after the start, fractional; deadlines due before it fire first, as the workflow's timers would. */
  day: number;
  action: string;
  by: Official;
  input?: ActionInput;
}

const actor = (o: Official): Actor => ({ login: o.login, authorityId: o.authorityId, country: o.country, roles: (o.roles ?? ['official']) as Actor['roles'] });
const party = (o: Official): Party => ({ authorityId: o.authorityId, country: o.country });

/**
 * Records a request-reply case from `requester` to `responder` started at `start` (ISO instant), with
 * the steps taken; timers due up to `until` (default: the last step) fire as they would have.
 */
export async function recordRequest(
  db: Db,
  o: { procedure?: string; requester: Official; responder: Official; start: string; replyBy: string; steps: Step[]; untilDay?: number; caseId?: string },
) {
  const def = (await catalog).procedures.get(o.procedure ?? 'pq-information-request')!;
  const t0 = Date.parse(o.start);
  const roles = Object.entries(def.roles);
  const role = (party: string) => roles.find(([, r]) => r.party === party)![0];
  const m = new Interpreter(
    {
      caseId: o.caseId ?? randomUUID(),
      procedure: def,
      parties: { [role('initiator')]: [party(o.requester)], [role('counterpart')]: [party(o.responder)] },
      startedBy: actor(o.requester),
      answers: {},
      replyBy: o.replyBy,
    },
    t0,
  );
  const events = m.started(actor(o.requester));
  for (const s of o.steps) {
    const at = t0 + s.day * DAY;
    events.push(...m.fireDue(at), ...m.apply(s.action, actor(s.by), s.input ?? {}, at));
  }
  if (o.untilDay !== undefined) events.push(...m.fireDue(t0 + o.untilDay * DAY));
  await recordActivities(db).recordCase({ record: m.record(), events, workflowType: def.id, requestHash: 'test' });
  return m.record();
}
