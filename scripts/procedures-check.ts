/**
 * `npm run procedures:check`: validates every format-2 procedure definition in policy-areas/
 * (schema, references, reachability, exits, deadlines, English strings), that the published
 * JSON Schema is current, and that every string exists in all 26 languages (policy-areas/i18n/). Exits 1 with every problem listed.
 */
import { readFile } from 'node:fs/promises';
import { loadCatalog, readPolicyAreas } from '../policy-areas/catalog.js';
import { loadTranslations, translationProblems } from '../policy-areas/i18n.js';
import { catalogStrings } from '../policy-areas/strings.js';
import { checkProcedure } from '../policy-areas/check.js';
import { procedureSchemaJson, schemaPath } from '../policy-areas/schema-file.js';

const { areas, files } = await readPolicyAreas();
const definitions = files.filter((f) => f.data.format === 2);
let problems = 0;
const seen = new Map<string, string>();
for (const { file, data } of definitions) {
  const found = checkProcedure(data, new Set(areas.keys()));
  const key = `${data.id}@${data.version}`;
  if (seen.has(key)) found.push({ path: '/version', message: `${key} is also defined in ${seen.get(key)}` });
  seen.set(key, file);
  for (const p of found) console.log(`${file}: ${p.path} ${p.message}`);
  problems += found.length;
}
if ((await readFile(schemaPath, 'utf8').catch(() => '')) !== procedureSchemaJson()) {
  console.log('policy-areas/procedure.schema.json is stale: run npm run procedures:schema');
  problems += 1;
}
// Every string in all 26 languages, against the current English source.
const catalog = await loadCatalog();
const english = catalogStrings(catalog.areas.values(), catalog.procedures.values());
const translations = await loadTranslations();
if (JSON.stringify(translations.get('en')) !== JSON.stringify(english)) {
  console.log('policy-areas/i18n/en.json is stale: run npm run procedures:strings, then translate the new strings');
  problems += 1;
}
translations.set('en', english);
for (const p of translationProblems(translations)) console.log(`policy-areas/${p.path}: ${p.message}`);
problems += translationProblems(translations).length;
const usedAreas = new Set(definitions.map((d) => d.data.area));
console.log(`${definitions.length} procedures in ${usedAreas.size} legal areas checked: ${problems ? `${problems} problem(s)` : 'no problems'}`);
process.exitCode = problems ? 1 : 0;
