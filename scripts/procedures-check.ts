/**
 * `npm run procedures:check`: validates every format-2 procedure definition in policy-areas/
 * (schema, references, reachability, exits, deadlines, English strings) and that the published
 * JSON Schema is current. Exits 1 with every problem listed.
 */
import { readFile } from 'node:fs/promises';
import { readPolicyAreas } from '../policy-areas/catalog.js';
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
const usedAreas = new Set(definitions.map((d) => d.data.area));
console.log(`${definitions.length} procedures in ${usedAreas.size} legal areas checked: ${problems ? `${problems} problem(s)` : 'no problems'}`);
process.exitCode = problems ? 1 : 0;
