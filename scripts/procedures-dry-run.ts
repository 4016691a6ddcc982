/**
 * `npm run procedures:dry-run -- <definition.json> <scenario.json>`: runs a draft procedure through
 * a scripted scenario on a private time-skipping Temporal server and prints the path it took and
 * the timers that fired. Needs no database and no running Liaison. Exit 1 when the definition has
 * problems or a step of the scenario was refused.
 */
import { readFile } from 'node:fs/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readPolicyAreas } from '../policy-areas/catalog.js';
import { checkProcedure } from '../policy-areas/check.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { dryRun, type Scenario } from '../worker/dry-run.js';

const [definitionFile, scenarioFile] = process.argv.slice(2);
if (!definitionFile || !scenarioFile) {
  console.error('usage: npm run procedures:dry-run -- <definition.json> <scenario.json>');
  process.exit(2);
}
// The worker's state changes are not what the policy owner asked for.
Runtime.install({ logger: new DefaultLogger('WARN') });
const definition = JSON.parse(await readFile(definitionFile, 'utf8'));
const scenario = JSON.parse(await readFile(scenarioFile, 'utf8')) as Scenario;
const { areas } = await readPolicyAreas();
const problems = checkProcedure(definition, new Set(areas.keys()));
if (problems.length) {
  for (const p of problems) console.log(`${definitionFile}: ${p.path} ${p.message}`);
  process.exit(1);
}
const report = await dryRun(definition as ProcedureV2, scenario);
for (const e of report.path) console.log(`day ${String(e.day).padStart(6)}  ${(e.by ?? '(timer)').padEnd(18)} ${e.event.padEnd(28)} → ${e.statusAfter}`);
console.log(`ended ${report.status}${report.final ? ' (final)' : ''}; flags: ${report.flags.join(', ') || 'none'}`);
if (report.refused) console.log(`step ${report.refused.step} (${report.refused.action}) was refused: ${report.refused.reason}`);
process.exitCode = report.refused ? 1 : 0;
