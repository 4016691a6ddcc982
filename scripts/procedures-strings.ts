/**
 * `npm run procedures:strings`: writes policy-areas/i18n/en.json, the English source of every
 * string of the catalogue under its stable key, which translators translate into
 * policy-areas/i18n/<language>.json. `--check` only reports whether the file is current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../policy-areas/catalog.js';
import { catalogStrings } from '../policy-areas/strings.js';

const file = fileURLToPath(new URL('../policy-areas/i18n/en.json', import.meta.url));
const catalog = await loadCatalog();
const json = `${JSON.stringify(catalogStrings(catalog.areas.values(), catalog.procedures.values()), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = (await readFile(file, 'utf8').catch(() => '')) === json;
  console.log(current ? 'policy-areas/i18n/en.json is current' : 'policy-areas/i18n/en.json is stale: run npm run procedures:strings');
  process.exitCode = current ? 0 : 1;
} else {
  await writeFile(file, json);
  console.log(`policy-areas/i18n/en.json: ${Object.keys(JSON.parse(json)).length} strings`);
}
