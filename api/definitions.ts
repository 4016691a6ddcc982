import type { Db } from '../db/client.js';
import { findProcedureVersion } from '../db/procedures.js';
import type { ProcedureV2 } from '../policy-areas/language.js';

export type DefinitionOf = (row: { procedureId: string; procedureVersion: number }) => Promise<ProcedureV2 | undefined>;

/**
 * The definition a case runs on; undefined for format-1 cases, which predate the store.
 * Published versions never change, so each is read from PostgreSQL once per process.
 */
export function definitionCache(db: Db): DefinitionOf {
  const definitions = new Map<string, Promise<ProcedureV2 | undefined>>();
  return (row) => {
    const key = `${row.procedureId}@${row.procedureVersion}`;
    let d = definitions.get(key);
    if (!d) {
      d = findProcedureVersion(db, row.procedureId, row.procedureVersion).then((r) => r?.definition);
      definitions.set(key, d);
      d.catch(() => definitions.delete(key));
    }
    return d;
  };
}
