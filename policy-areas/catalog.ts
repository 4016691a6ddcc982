/**
 * Loads the procedure definitions shipped in `policy-areas/<area>/*.json`. Not for workflow code:
 * workflows receive the definition in their input.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkProcedure } from './check.js';
import type { ProcedureV2 } from './language.js';
import type { LocalisedText } from './types.js';

export interface PolicyArea {
  id: string;
  title: LocalisedText;
  legalBasis: string;
}

export interface Catalog {
  areas: Map<string, PolicyArea>;
  /** The definitions shipped in policy-areas/, by id (one file per procedure: its newest version). */
  procedures: Map<string, ProcedureV2>;
}

const root = fileURLToPath(new URL('.', import.meta.url));

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
    const names = await readdir(areaDir);
    // A legal area is a folder with an area.json; others (i18n/) hold other data.
    if (!names.includes('area.json')) continue;
    for (const file of names.filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(await readFile(`${areaDir}/${file}`, 'utf8'));
      if (file === 'area.json') areas.set(data.id, data);
      else files.push({ file: `${entry.name}/${file}`, data });
    }
  }
  return { areas, files };
}

/**
 * The shipped catalogue, every definition checked. The running system serves procedures from
 * PostgreSQL (db/procedures.ts), where these files are published on start and policy owners
 * publish more through the API.
 */
export async function loadCatalog(dir = root): Promise<Catalog> {
  const { areas, files } = await readPolicyAreas(dir);
  const procedures = new Map<string, ProcedureV2>();
  const problems: string[] = [];
  for (const { file, data } of files) {
    for (const p of checkProcedure(data, new Set(areas.keys()))) problems.push(`${file}: ${p.path} ${p.message}`);
    const { $schema: _schema, ...d } = data as unknown as ProcedureV2;
    if (procedures.has(d.id)) problems.push(`${file}: procedure ${d.id} is defined twice`);
    procedures.set(d.id, d);
  }
  if (problems.length) throw new Error(`invalid procedure definitions (npm run procedures:check):\n- ${problems.join('\n- ')}`);
  return { areas, procedures };
}
