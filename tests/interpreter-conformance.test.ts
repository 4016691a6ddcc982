/**
 * Every shipped definition, run by the interpreter from its start to a final state along a
 * shortest path, deadlines included (as expiries at their computed due times). This proves each
 * definition is executable in milliseconds; conformance.test.ts replays the same walks through the
 * API, the worker and Temporal's time-skipping server.
 */
import { describe, expect, it } from 'vitest';
import { readPolicyAreas } from '../policy-areas/catalog.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { walkToEnd } from './support/conformance-driver.js';

const { files } = await readPolicyAreas();
const definitions = files.filter((f) => f.data.format === 2).map((f) => [f.file, f.data as unknown as ProcedureV2] as const);

describe('every procedure runs to an end', () => {
  it.each(definitions)('when %s is driven along a shortest path, then it reaches a final state', (_file, def) => {
    const walk = walkToEnd(def);

    expect(walk, walk.path.join(' → ')).toMatchObject({ finished: true });
    expect(def.states[walk.status].final).toBe(true);
  });
});
