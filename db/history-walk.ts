/**
 * How the history generator plays the procedures that have no request script (alerts,
 * notifications, applications, multi-stage cases): the recipients acknowledge on receipt (some of
 * them), then at each step the officials take one of the actions the case allows, most often one
 * that moves it towards an ordinary end, sometimes a comment or an update, now and then a refusal
 * or an objection, rarely a withdrawal; or nobody acts and a deadline decides. Then `finish` takes
 * the shortest way to a final state, since imported cases have no workflow to carry them on.
 */
import { DAY_MS } from '../policy-areas/calendar.js';
import { transitions } from '../policy-areas/check.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Party } from '../workflows/contract.js';
import type { ActionInput } from '../workflows/interpreter.js';
import { lognormal, officeHours, type Sim } from './history-sim.js';

interface Move {
  action: string;
  role: string;
  party?: Party;
  input: ActionInput;
  to: string;
  weight: number;
}

/** Ways out that end a case early. */
const ENDING = /withdraw|cancel/;
/** Outcomes that happen, but less often than the ordinary course (by the names the catalogue uses). */
const SETBACK = /refuse|decline|contest|refer|reject|not-follow|object|incompatible|unresolved|lapse|measures-expired|deemed/;

const distances = new Map<string, Map<string, number>>();
function steps(def: ProcedureV2, targets: string[], usable: (via: string) => boolean): Map<string, number> {
  const dist = new Map(targets.map((t) => [t, 0]));
  const edges = transitions(def).filter((e) => usable(e.via));
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) {
      const d = dist.get(e.to);
      if (d !== undefined && (dist.get(e.from) ?? Infinity) > d + 1) dist.set(e.from, d + 1), (grew = true);
    }
  }
  return dist;
}

/**
 * Steps from each state to an ordinary end (no withdrawal, refusal or lapse on the way); where
 * there is none, 100 more than the steps to any end. The walk moves down this, `finish` follows it.
 */
export function distanceToEnd(def: ProcedureV2): Map<string, number> {
  const key = `${def.id}@${def.version}`;
  const cached = distances.get(key);
  if (cached) return cached;
  const finals = Object.keys(def.states).filter((id) => def.states[id].final);
  const ordinary = steps(def, finals.filter((f) => !ENDING.test(f) && !SETBACK.test(f)), (via) => !ENDING.test(via) && !SETBACK.test(via));
  const any = steps(def, finals, () => true);
  const dist = new Map(Object.keys(def.states).map((s) => [s, ordinary.get(s) ?? 100 + (any.get(s) ?? Infinity)]));
  distances.set(key, dist);
  return dist;
}

/** The actions some party may take now, each with the input it would give and how likely it is. */
function moves(sim: Sim, sideActions: number): Move[] {
  const { def, m } = sim;
  const dist = distanceToEnd(def);
  const here = dist.get(sim.status)!;
  const out: Move[] = [];
  for (const [id, a] of Object.entries(def.actions)) {
    if (!a.from.includes(sim.status)) continue;
    for (const role of a.by) {
      const all = m.state.parties[role] ?? [];
      const open = a.oncePerParty ? all.filter((p) => !(m.state.takenBy[id] ?? []).includes(p.authorityId)) : all;
      const party = open.length ? sim.rnd.pick(open) : undefined;
      const actor = sim.actor(role, party);
      const effect = sim.effectInput(id);
      if (!actor || !effect) continue;
      const input = sim.complete(id, effect);
      try {
        m.check(id, actor, input, sim.now);
      } catch {
        continue;
      }
      const to = a.to ?? sim.status;
      const base = to === sim.status ? 0.25 / (1 + sideActions) : dist.get(to)! < here ? 1 : 0.15;
      const weight = ENDING.test(id) ? 0.02 : SETBACK.test(id) ? base * 0.12 : base;
      out.push({ action: id, role, party, input, to, weight });
      break;
    }
  }
  return out;
}

/** Days before an official takes the move: the end of an alert or of a repository entry comes months later. */
function delayDays(sim: Sim, move: Move): number {
  const ends = sim.def.states[move.to]?.final;
  const slow = ends && sim.def.kind !== 'request-reply' && sim.def.kind !== 'application';
  return lognormal(sim.rnd, slow ? 60 : move.to === sim.status ? 2 : 5, 0.8);
}

/** Receipt: most single counterparts acknowledge within days, about a third of an alert's many recipients. */
function acknowledgeReceipt(sim: Sim): void {
  const ack = sim.def.actions.acknowledge;
  if (!ack?.from.includes(sim.status)) return;
  const takers = ack.by.flatMap((role) => (sim.m.state.parties[role] ?? []).map((party) => ({ role, party })));
  const share = takers.length > 3 ? 0.3 : 0.75;
  const timed = takers
    .filter(() => sim.rnd.next() < share)
    .map((t) => ({ ...t, at: officeHours(sim.rnd, sim.now + lognormal(sim.rnd, 1.5, 0.9) * DAY_MS) }))
    .sort((a, b) => a.at - b.at);
  for (const t of timed) sim.act('acknowledge', t.role, {}, t.at, t.party);
}

export function walk(sim: Sim, maxSteps = 12): void {
  acknowledgeReceipt(sim);
  for (let step = 0, sideActions = 0; step < maxSteps && !sim.m.finished; step++) {
    const options = moves(sim, sideActions);
    const timer = sim.movingTimer();
    // Nobody acting lets the next deadline decide: the usual path of a silence-is-consent procedure,
    // a rarer one where the lapse is a setback (a card deemed granted, a check period lapsed).
    const waitWeight = timer ? (0.3 + 0.3 * sideActions) * (SETBACK.test(timer.to) ? 0.12 : 1) : 0;
    const total = options.reduce((s, o) => s + o.weight, 0) + waitWeight;
    if (total === 0) break;
    let r = sim.rnd.next() * total;
    const chosen = options.find((o) => (r -= o.weight) < 0);
    if (!chosen) {
      sim.advance(timer!.at);
      continue;
    }
    const at = officeHours(sim.rnd, sim.now + delayDays(sim, chosen) * DAY_MS);
    if (sim.act(chosen.action, chosen.role, chosen.input, at, chosen.party) && chosen.to === sim.status) sideActions++;
  }
  finish(sim);
}

/** The shortest way to a final state (an ordinary one where there is one), by action or deadline, until the case ends. */
export function finish(sim: Sim): void {
  const dist = distanceToEnd(sim.def);
  for (let step = 0; !sim.m.finished; step++) {
    if (step > 40) throw new Error(`${sim.def.id}: no way to a final state from ${sim.status}`);
    const here = dist.get(sim.status)!;
    const forward = moves(sim, 0)
      .filter((mv) => dist.get(mv.to)! < here)
      .sort((a, b) => dist.get(a.to)! - dist.get(b.to)! || b.weight - a.weight);
    const timer = sim.movingTimer();
    if (timer && dist.get(timer.to)! < here && (!forward[0] || dist.get(timer.to)! <= dist.get(forward[0].to)!)) {
      sim.advance(timer.at);
      continue;
    }
    const mv = forward[0];
    if (!mv) throw new Error(`${sim.def.id}: stuck in ${sim.status}`);
    sim.act(mv.action, mv.role, mv.input, officeHours(sim.rnd, sim.now + delayDays(sim, mv) * DAY_MS), mv.party);
  }
}
