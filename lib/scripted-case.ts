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
 * Records a case of `procedure` started by the first party of its initiating role at `start` (ISO
 * instant), with the steps taken; timers due up to `untilDay` (default: the last step) fire as
 * they would have. `parties` maps each role's party kind (initiator, counterpart, recipients) to officials.
 */
export async function recordCase(
  db: Db,
  o: { procedure: string; parties: Record<string, Official[]>; start: string; replyBy?: string; steps: Step[]; untilDay?: number; caseId?: string },
) {
  const def = (await catalog).procedures.get(o.procedure)!;
  const t0 = Date.parse(o.start);
  const parties = Object.fromEntries(Object.entries(def.roles).flatMap(([role, r]) => (o.parties[r.party] ? [[role, o.parties[r.party].map(party)]] : [])));
  const initiator = o.parties.initiator[0];
  const m = new Interpreter({ caseId: o.caseId ?? randomUUID(), procedure: def, parties, startedBy: actor(initiator), answers: {}, replyBy: o.replyBy }, t0);
  const events = m.started(actor(initiator));
  for (const s of o.steps) {
    const at = t0 + s.day * DAY;
    events.push(...m.fireDue(at), ...m.apply(s.action, actor(s.by), s.input ?? {}, at));
  }
  if (o.untilDay !== undefined) events.push(...m.fireDue(t0 + o.untilDay * DAY));
  await recordActivities(db).recordCase({ record: m.record(), events, workflowType: def.id, requestHash: 'test' });
  return m.record();
}

/** An information request from `requester` to `responder` (default: the PQ request). */
export function recordRequest(
  db: Db,
  o: { procedure?: string; requester: Official; responder: Official; start: string; replyBy: string; steps: Step[]; untilDay?: number; caseId?: string },
) {
  const { requester, responder, procedure = 'pq-information-request', ...rest } = o;
  return recordCase(db, { ...rest, procedure, parties: { initiator: [requester], counterpart: [responder] } });
}
