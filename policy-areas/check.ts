/**
 * Checks a procedure definition beyond its JSON Schema: every reference resolves, every state is
 * reachable and can be left unless final, every deadline leads somewhere, every string has English.
 * Pure: used by `npm run procedures:check`, the tests, and publishing.
 */
import { Value } from '@sinclair/typebox/value';
import { ProcedureSchema, type ProcedureV2 } from './language.js';

export interface DefinitionProblem {
  path: string;
  message: string;
}

const START = 'start';

function schemaProblems(def: unknown): DefinitionProblem[] {
  return [...Value.Errors(ProcedureSchema, def)].map((e) => ({ path: e.path || '/', message: e.message }));
}

function referenceProblems(d: ProcedureV2, areas?: Set<string>): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const role = (path: string, r: string) => has(d.roles, r) || out.push({ path, message: `unknown role "${r}"` });
  const state = (path: string, s: string) => has(d.states, s) || out.push({ path, message: `unknown state "${s}"` });
  const form = (path: string, f: string) => has(d.forms, f) || out.push({ path, message: `unknown form "${f}"` });
  const action = (path: string, a: string) => has(d.actions, a) || out.push({ path, message: `unknown action "${a}"` });

  if (areas && !areas.has(d.area)) out.push({ path: '/area', message: `unknown legal area "${d.area}"` });
  const starter = d.roles[d.start.by]?.party;
  if (starter && starter !== 'initiator' && starter !== 'applicant') {
    out.push({ path: '/start/by', message: `"${d.start.by}" cannot start a case: only an initiator or an applicant can` });
  }
  for (const [id, r] of Object.entries(d.roles)) {
    if (r.party === 'coordinator') {
      if (!r.of) out.push({ path: `/roles/${id}/of`, message: 'a coordinator role must name the role whose country it coordinates' });
      else role(`/roles/${id}/of`, r.of);
    }
  }
  role('/start/by', d.start.by);
  state('/start/state', d.start.state);
  if (d.start.form) form('/start/form', d.start.form);
  for (const [id, a] of Object.entries(d.actions)) {
    a.by.forEach((r, i) => role(`/actions/${id}/by/${i}`, r));
    a.from.forEach((s, i) => state(`/actions/${id}/from/${i}`, s));
    if (a.to) state(`/actions/${id}/to`, a.to);
    if (a.form) form(`/actions/${id}/form`, a.form);
    for (const s of a.from) {
      if (d.states[s]?.final) out.push({ path: `/actions/${id}/from`, message: `"${s}" is final: no action may leave it` });
    }
    if (a.effect === 'forward' && !a.by.some((r) => d.roles[r]?.party === 'counterpart')) {
      out.push({ path: `/actions/${id}/effect`, message: 'forward is taken by the counterpart (or its coordinator)' });
    }
  }
  for (const [id, t] of Object.entries(d.deadlines)) {
    const p = `/deadlines/${id}`;
    if (t.from !== START) action(`${p}/from`, t.from);
    t.runsIn.forEach((s, i) => state(`${p}/runsIn/${i}`, s));
    if ('workingDays' in t.length) role(`${p}/length/holidaysOf`, t.length.holidaysOf);
    if ('replyDate' in t.length && !d.start.replyDate) {
      out.push({ path: `${p}/length`, message: 'runs to the reply date, but the case is started without one (start.replyDate)' });
    }
    const e = t.onExpiry;
    if (!e.flag && !e.escalateTo && !e.moveTo) out.push({ path: `${p}/onExpiry`, message: 'expiry must flag, escalate or move the case: it leads nowhere' });
    if (e.escalateTo) {
      role(`${p}/onExpiry/escalateTo`, e.escalateTo);
      if (d.roles[e.escalateTo] && d.roles[e.escalateTo].party !== 'coordinator') {
        out.push({ path: `${p}/onExpiry/escalateTo`, message: `"${e.escalateTo}" is not a coordinator role` });
      }
    }
    if (e.moveTo) state(`${p}/onExpiry/moveTo`, e.moveTo);
    if (e.moveToIfAny) {
      action(`${p}/onExpiry/moveToIfAny/action`, e.moveToIfAny.action);
      state(`${p}/onExpiry/moveToIfAny/moveTo`, e.moveToIfAny.moveTo);
    }
    for (const [i, r] of (t.reminders ?? []).entries()) {
      const days = 'calendarDays' in t.length ? t.length.calendarDays : 'weeks' in t.length ? t.length.weeks * 7 : undefined;
      if (days !== undefined && r.daysBefore >= days) out.push({ path: `${p}/reminders/${i}`, message: `a reminder ${r.daysBefore} days before a ${days}-day deadline would come at once` });
    }
  }
  const sb = d.scoreboard;
  if (sb?.accepted) action('/scoreboard/accepted', sb.accepted);
  if (sb?.replied) action('/scoreboard/replied', sb.replied);
  if (sb?.survey) action('/scoreboard/survey', sb.survey);
  if (sb?.withdrawn) action('/scoreboard/withdrawn', sb.withdrawn);
  if (sb?.agreedDate && !has(d.deadlines, sb.agreedDate)) out.push({ path: '/scoreboard/agreedDate', message: `unknown deadline "${sb.agreedDate}"` });
  for (const [id, f] of Object.entries(d.forms)) {
    const ids = new Set<string>();
    for (const [i, q] of f.questions.entries()) {
      const p = `/forms/${id}/questions/${i}`;
      if (ids.has(q.id)) out.push({ path: p, message: `question "${q.id}" appears twice` });
      ids.add(q.id);
      if ((q.type === 'choice' || q.type === 'multiple-choice') && !q.options?.length) out.push({ path: p, message: `a ${q.type} question needs options` });
    }
  }
  return out;
}

/** States reachable from the start state through actions and deadline expiries. */
export function transitions(d: ProcedureV2): { from: string; to: string; via: string }[] {
  const edges: { from: string; to: string; via: string }[] = [];
  for (const [id, a] of Object.entries(d.actions)) for (const f of a.from) if (a.to) edges.push({ from: f, to: a.to, via: id });
  for (const [id, t] of Object.entries(d.deadlines)) {
    for (const s of t.runsIn) {
      if (t.onExpiry.moveTo) edges.push({ from: s, to: t.onExpiry.moveTo, via: `${id} expires` });
      if (t.onExpiry.moveToIfAny) edges.push({ from: s, to: t.onExpiry.moveToIfAny.moveTo, via: `${id} expires after ${t.onExpiry.moveToIfAny.action}` });
    }
  }
  return edges;
}

function graphProblems(d: ProcedureV2): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const edges = transitions(d);
  const reached = new Set([d.start.state]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) if (reached.has(e.from) && !reached.has(e.to)) reached.add(e.to), (grew = true);
  }
  for (const [id, s] of Object.entries(d.states)) {
    if (!reached.has(id)) out.push({ path: `/states/${id}`, message: 'cannot be reached from the start state' });
    if (!s.final && !edges.some((e) => e.from === id && e.to !== id)) {
      out.push({ path: `/states/${id}`, message: 'is not final, yet no action or deadline leaves it' });
    }
  }
  if (!Object.values(d.states).some((s) => s.final)) out.push({ path: '/states', message: 'no final state: a case could never end' });
  for (const [id, t] of Object.entries(d.deadlines)) {
    if (!t.runsIn.some((s) => reached.has(s))) out.push({ path: `/deadlines/${id}/runsIn`, message: 'runs in no reachable state: it can never fire' });
  }
  return out;
}

/** Every label (roles, states, actions, deadlines, questions, options) must exist in `language`. */
export function missingTranslations(d: ProcedureV2, language = 'en'): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const need = (path: string, text: Record<string, string> | undefined) => {
    if (!text?.[language]?.trim()) out.push({ path, message: `no ${language} text` });
  };
  need('/title', d.title);
  for (const [k, v] of Object.entries(d.roles)) need(`/roles/${k}/label`, v.label);
  for (const [k, v] of Object.entries(d.states)) need(`/states/${k}/label`, v.label);
  for (const [k, v] of Object.entries(d.actions)) need(`/actions/${k}/label`, v.label);
  for (const [k, v] of Object.entries(d.deadlines)) need(`/deadlines/${k}/label`, v.label);
  for (const [k, f] of Object.entries(d.forms)) {
    f.questions.forEach((q, i) => {
      need(`/forms/${k}/questions/${i}/label`, q.label);
      q.options?.forEach((o, j) => need(`/forms/${k}/questions/${i}/options/${j}/label`, o.label));
    });
  }
  return out;
}

/** All problems of a definition; an empty list means it can be published. */
export function checkProcedure(def: unknown, areas?: Set<string>): DefinitionProblem[] {
  const schema = schemaProblems(def);
  if (schema.length) return schema;
  const d = def as ProcedureV2;
  const refs = referenceProblems(d, areas);
  // The graph checks assume the references resolve; report those first.
  return refs.length ? refs : [...graphProblems(d), ...missingTranslations(d)];
}
