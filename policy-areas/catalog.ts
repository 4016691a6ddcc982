/**
 * Loads the procedure definitions shipped in `policy-areas/<area>/*.json`. Not for workflow code:
 * workflows receive the definition in their input.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LocalisedText, ProcedureDefinition } from './types.js';

export interface PolicyArea {
  id: string;
  title: LocalisedText;
  legalBasis: string;
}

export interface Catalog {
  areas: Map<string, PolicyArea>;
  /** The newest version of each procedure, by id. */
  procedures: Map<string, ProcedureDefinition>;
}

const root = fileURLToPath(new URL('.', import.meta.url));

function assertDefinition(d: ProcedureDefinition, file: string): void {
  const problems: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.id ?? '')) problems.push('id must be kebab-case');
  if (!Number.isInteger(d.version) || d.version < 1) problems.push('version must be a positive integer');
  if (d.kind !== 'request-reply') problems.push(`kind "${d.kind}" is not supported yet`);
  if (!d.title?.en) problems.push('title.en is required');
  for (const form of ['request', 'reply'] as const) {
    const ids = new Set<string>();
    for (const q of d[form]?.questions ?? []) {
      if (ids.has(q.id)) problems.push(`${form}: question ${q.id} appears twice`);
      ids.add(q.id);
      if (!q.label?.en) problems.push(`${form}.${q.id}: label.en is required`);
      if ((q.type === 'choice' || q.type === 'multiple-choice') && !q.options?.length) {
        problems.push(`${form}.${q.id}: a ${q.type} question needs options`);
      }
    }
  }
  const dl = d.deadlines;
  for (const key of ['acceptanceDays', 'acceptanceReminderDaysBefore', 'replyReminderDaysBefore', 'maxReplyDays', 'reopenWindowDays'] as const) {
    if (!Number.isInteger(dl?.[key]) || dl[key] < 0) problems.push(`deadlines.${key} must be a whole number of days`);
  }
  if (problems.length) throw new Error(`invalid procedure definition ${file}:\n- ${problems.join('\n- ')}`);
}

export interface DefinitionFile {
  /** Path relative to policy-areas/, e.g. `gdpr/gdpr-60-draft-decision.json`. */
  file: string;
  data: Record<string, unknown>;
}

/** Reads every legal area's `area.json` and every definition file beside it. */
export async function readPolicyAreas(dir = root): Promise<{ areas: Map<string, PolicyArea>; files: DefinitionFile[] }> {
  const areas = new Map<string, PolicyArea>();
  const files: DefinitionFile[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const areaDir = `${dir}/${entry.name}`;
    for (const file of (await readdir(areaDir)).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(await readFile(`${areaDir}/${file}`, 'utf8'));
      if (file === 'area.json') areas.set(data.id, data);
      else files.push({ file: `${entry.name}/${file}`, data });
    }
  }
  return { areas, files };
}

/**
 * The procedures the running system can start: format-1 request-and-reply definitions. Format-2
 * definitions (see language.ts) are checked and documented by `npm run procedures:check` and
 * `procedures:docs`; they become startable with the format-2 interpreter.
 */
export async function loadCatalog(dir = root): Promise<Catalog> {
  const { areas, files } = await readPolicyAreas(dir);
  const procedures = new Map<string, ProcedureDefinition>();
  for (const { file, data } of files) {
    if (data.format !== undefined) continue;
    const { $comment: _comment, ...definition } = data as unknown as ProcedureDefinition & { $comment?: unknown };
    assertDefinition(definition, file);
    const newest = procedures.get(definition.id);
    if (!newest || newest.version < definition.version) procedures.set(definition.id, definition);
  }
  for (const p of procedures.values()) {
    if (!areas.has(p.area)) throw new Error(`procedure ${p.id} names unknown legal area ${p.area}`);
  }
  return { areas, procedures };
}
