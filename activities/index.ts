import type { Db } from '../db/client.js';
import { recordTransitionActivity } from './record-transition.js';

export interface ActivityDeps {
  db: Db;
}

/** Every activity the case workflows call, built over their dependencies. */
export function createActivities({ db }: ActivityDeps) {
  return {
    recordTransition: recordTransitionActivity(db),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
