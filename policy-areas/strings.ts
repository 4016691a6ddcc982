/**
 * Every user-facing string of the catalogue under a stable key, so translations can live beside
 * the definitions (policy-areas/i18n/<language>.json) and survive new versions of a procedure:
 * keys name ids (states, actions, questions, options), never positions.
 */
import type { PolicyArea } from './catalog.js';
import type { ProcedureV2 } from './language.js';

/** The 24 official EU languages, Icelandic and Norwegian. */
export const LANGUAGES = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu',
  'is', 'it', 'lt', 'lv', 'mt', 'nl', 'no', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
] as const;
export type Language = (typeof LANGUAGES)[number];

/** The strings of one procedure, key → English, in the definition's order. */
export function procedureStrings(d: ProcedureV2): [string, string][] {
  const out: [string, string][] = [[`${d.id}.title`, d.title.en]];
  for (const [k, v] of Object.entries(d.roles)) out.push([`${d.id}.role.${k}`, v.label.en]);
  for (const [k, v] of Object.entries(d.states)) out.push([`${d.id}.state.${k}`, v.label.en]);
  for (const [k, v] of Object.entries(d.actions)) out.push([`${d.id}.action.${k}`, v.label.en]);
  for (const [k, v] of Object.entries(d.deadlines)) out.push([`${d.id}.deadline.${k}`, v.label.en]);
  for (const [f, form] of Object.entries(d.forms)) {
    for (const q of form.questions) {
      out.push([`${d.id}.form.${f}.${q.id}`, q.label.en]);
      for (const o of q.options ?? []) out.push([`${d.id}.form.${f}.${q.id}.${o.code}`, o.label.en]);
    }
  }
  return out;
}

export function areaStrings(a: PolicyArea): [string, string][] {
  return [[`area.${a.id}`, a.title.en]];
}

/** The English source of every string of the catalogue, keys sorted by area then procedure. */
export function catalogStrings(areas: Iterable<PolicyArea>, procedures: Iterable<ProcedureV2>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of [...areas].sort((x, y) => x.id.localeCompare(y.id))) for (const [k, v] of areaStrings(a)) out[k] = v;
  for (const d of [...procedures].sort((x, y) => x.area.localeCompare(y.area) || x.id.localeCompare(y.id))) {
    for (const [k, v] of procedureStrings(d)) out[k] = v;
  }
  return out;
}
