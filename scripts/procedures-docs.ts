/**
 * `npm run procedures:docs`: writes docs/procedures/<area>.md, one reference page per legal area
 * with a state diagram per procedure, for policy owners to review. `--check` only reports pages
 * that are out of date (the tests use it).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderAreaPages } from '../policy-areas/docs-pages.js';

const out = fileURLToPath(new URL('../docs/procedures', import.meta.url));
const pages = await renderAreaPages();
const check = process.argv.includes('--check');
let stale = 0;
await mkdir(out, { recursive: true });
for (const [name, text] of pages) {
  const path = `${out}/${name}`;
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current === text) continue;
  stale += 1;
  if (check) console.log(`docs/procedures/${name} is out of date`);
  else await writeFile(path, text);
}
console.log(`${pages.size} area pages, ${stale} ${check ? 'out of date' : 'written'}`);
process.exitCode = check && stale ? 1 : 0;
