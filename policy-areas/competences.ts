/** The pre-translated competence vocabulary (policy-areas/competences.json), the directory search's concepts. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Concept } from '../db/directory.js';

export async function readCompetences(): Promise<Concept[]> {
  return JSON.parse(await readFile(fileURLToPath(new URL('./competences.json', import.meta.url)), 'utf8'));
}
