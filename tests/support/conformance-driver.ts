/**
 * Drives any format-2 definition from its start to a final state through the interpreter, taking
 * at each step the first usable move on a shortest path: an action by a party of the right role,
 * with answers made up from its form, or a deadline left to expire.
 */
import { DAY_MS } from '../../policy-areas/calendar.js';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import { answersFor } from '../../policy-areas/sample-answers.js';
import type { Actor, Party } from '../../workflows/contract.js';
import { Interpreter, type ActionInput } from '../../workflows/interpreter.js';

export { answersFor };

const AUTHORITY: Record<string, Party[]> = {
  initiator: [{ authorityId: 'DE-INITIATOR', country: 'DE' }],
  applicant: [{ authorityId: 'APPLICANT', country: 'DE' }],
  counterpart: [{ authorityId: 'FR-COUNTERPART', country: 'FR' }],
  recipients: [
    { authorityId: 'FR-RECIPIENT', country: 'FR' },
    { authorityId: 'IT-RECIPIENT', country: 'IT' },
  ],
  authority: [{ authorityId: 'PT-AUTHORITY', country: 'PT' }],
  commission: [{ authorityId: 'EU-COMMISSION', country: 'EU' }],
};

/** A step of a walk, replayable through the API: an action by a role, or a deadline left to expire. */
export type WalkStep = { kind: 'action'; id: string; role: string; input: ActionInput } | { kind: 'deadline'; id: string; status: string };

export interface Walk {
  path: string[];
  steps: WalkStep[];
  status: string;
  finished: boolean;
}

/** Where each kind of party sits in a walk; tests that replay walks register these authorities. */
export const WALK_AUTHORITIES = AUTHORITY;

export function walkToEnd(def: ProcedureV2, start = Date.parse('2026-03-02T09:00:00Z')): Walk {
  const parties = Object.fromEntries(Object.entries(def.roles).filter(([, r]) => r.party !== 'coordinator').map(([id, r]) => [id, AUTHORITY[r.party]]));
  const actorFor = (role: string): Actor | undefined => {
    const r = def.roles[role];
    if (r.party === 'coordinator') {
      const country = parties[r.of!]?.[0]?.country;
      return country ? { login: `coord-${country}`, authorityId: `${country}-COORDINATOR`, country, roles: ['official', 'coordinator'] } : undefined;
    }
    const p = parties[role]?.[0];
    return p && { login: `${role}-official`, authorityId: p.authorityId, country: p.country, roles: ['official'] };
  };
  let now = start;
  const m = new Interpreter(
    {
      caseId: 'walk',
      procedure: def,
      parties,
      startedBy: actorFor(def.start.by)!,
      answers: answersFor(def.start.form ? def.forms[def.start.form] : undefined),
      message: 'Opening message',
      replyBy: def.start.replyDate ? new Date(start + 30 * DAY_MS).toISOString().slice(0, 10) : undefined,
    },
    now,
  );
  const path: string[] = [];
  const steps: WalkStep[] = [];
  const visited = new Set<string>();
  for (let step = 0; step < 40 && !m.finished; step++) {
    now += 60_000;
    visited.add(m.state.status);
    const moves = usableMoves(def, m, actorFor, now);
    const next = longestFirst(def, m.state.status, moves, visited) ?? shortestFirst(def, m.state.status, moves);
    if (!next) break;
    if (next.kind === 'action') {
      const actor = actorFor(next.role)!;
      const a = def.actions[next.id];
      const first = def.start.form ? m.state.answers[def.start.form] : {};
      const input: ActionInput = { message: a.message ? 'A message' : undefined, answers: a.form ? answersFor(def.forms[a.form], first) : undefined, ...effectInput(a.effect, m, now) };
      m.apply(next.id, actor, input, now);
      path.push(next.id);
      steps.push({ kind: 'action', id: next.id, role: next.role, input });
    } else {
      now = Math.max(now, m.due(next.id)!);
      m.fireDue(now);
      path.push(`${next.id} expires`);
      steps.push({ kind: 'deadline', id: next.id, status: m.state.status });
    }
  }
  return { path, steps, status: m.state.status, finished: m.finished };
}

type Move = { kind: 'action'; id: string; role: string; to: string } | { kind: 'deadline'; id: string; to: string };

function usableMoves(def: ProcedureV2, m: Interpreter, actorFor: (role: string) => Actor | undefined, now: number): Move[] {
  const moves: Move[] = [];
  for (const [id, a] of Object.entries(def.actions)) {
    if (!a.to || !a.from.includes(m.state.status)) continue;
    for (const role of a.by) {
      const actor = actorFor(role);
      if (!actor) continue;
      try {
        m.check(id, actor, { message: 'x', answers: a.form ? answersFor(def.forms[a.form], def.start.form ? m.state.answers[def.start.form] : {}) : undefined, ...effectInput(a.effect, m, now) }, now);
        moves.push({ kind: 'action', id, role, to: a.to });
        break;
      } catch {
        // not this role, or not now
      }
    }
  }
  for (const [id, t] of Object.entries(def.deadlines)) {
    if (m.due(id) === undefined) continue;
    const to = t.onExpiry.moveTo ?? t.onExpiry.moveToIfAny?.moveTo;
    if (to) moves.push({ kind: 'deadline', id, to });
  }
  return moves;
}

function effectInput(effect: string | undefined, m: Interpreter, now: number) {
  const later = new Date(now + 40 * DAY_MS).toISOString().slice(0, 10);
  if (effect === 'propose-reply-date') return { date: later };
  if (effect === 'decide-reply-date') return { agree: true };
  if (effect === 'add-recipients') return { recipients: [{ authorityId: 'NL-RECIPIENT', country: 'NL' }] };
  if (effect === 'forward') return { toAuthorityId: 'FR-OTHER', toCountry: m.state.parties[Object.keys(m.state.parties)[1]]?.[0]?.country };
  return {};
}

function stateEdges(def: ProcedureV2): [string, string][] {
  const edges: [string, string][] = [];
  for (const a of Object.values(def.actions)) for (const f of a.from) if (a.to) edges.push([f, a.to]);
  for (const t of Object.values(def.deadlines)) for (const s of t.runsIn) for (const to of [t.onExpiry.moveTo, t.onExpiry.moveToIfAny?.moveTo]) if (to) edges.push([s, to]);
  return edges;
}

/**
 * The move that starts the longest simple path to an end (withdrawal counting least): the walk
 * goes through as much of the procedure as it can (acceptance, reply, closure, the timers on the
 * way) rather than straight to the nearest end.
 */
function longestFirst(def: ProcedureV2, from: string, moves: Move[], visited: Set<string>): Move | undefined {
  const edges = stateEdges(def);
  const score = (state: string, seen: Set<string>): number => {
    if (def.states[state]?.final) return /withdraw/.test(state) ? 0.5 : 1;
    let best = -Infinity;
    for (const [a, b] of edges) if (a === state && !seen.has(b)) best = Math.max(best, 1 + score(b, new Set([...seen, b])));
    return best;
  };
  let choice: Move | undefined;
  let best = -Infinity;
  for (const m of moves) {
    if (m.to === from || visited.has(m.to)) continue;
    const value = score(m.to, new Set([...visited, from, m.to]));
    if (value > best) (best = value), (choice = m);
  }
  return best > 0 ? choice : undefined;
}

/** The move whose target is closest to a final state. */
function shortestFirst(def: ProcedureV2, from: string, moves: Move[]): Move | undefined {
  const dist = new Map<string, number>();
  const finals = Object.entries(def.states).filter(([, s]) => s.final).map(([id]) => id);
  finals.forEach((f) => dist.set(f, 0));
  const edges = stateEdges(def);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of edges) {
      const d = dist.get(b);
      if (d !== undefined && (dist.get(a) ?? Infinity) > d + 1) dist.set(a, d + 1), (grew = true);
    }
  }
  return [...moves].filter((m) => m.to !== from).sort((a, b) => (dist.get(a.to) ?? Infinity) - (dist.get(b.to) ?? Infinity))[0];
}
