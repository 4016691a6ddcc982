import type { Db } from '../db/client.js';
import { recordActivities } from './record-case.js';

export interface ActivityDeps {
  db: Db;
}

/** Every activity the case workflows call, built over their dependencies. */
export function createActivities({ db }: ActivityDeps) {
  return { ...recordActivities(db) };
}

export type CaseActivities = ReturnType<typeof createActivities>;
