import type { Db } from '../db/client.js';
import { recordActivities } from './record-case.js';
import type { TranslationProvider } from './translation/provider.js';
import { translateTextActivity } from './translation/translate-text.js';

export interface ActivityDeps {
  db: Db;
  /** Machine translation providers, in order of preference; none: every pair is unsupported. */
  translation?: TranslationProvider[];
}

/** Every activity the case workflows call, built over their dependencies. */
export function createActivities({ db, translation = [] }: ActivityDeps) {
  return { ...recordActivities(db), translateText: translateTextActivity(db, translation) };
}

export type CaseActivities = ReturnType<typeof createActivities>;
