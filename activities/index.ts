import type { Db } from '../db/client.js';
import { recordActivities } from './record-case.js';
import type { AnyTranslationProvider } from './translation/provider.js';
import { translateTextActivity } from './translation/translate-text.js';

export interface ActivityDeps {
  db: Db;
  /** Machine translation providers, in order of preference; none: every pair is unsupported. */
  translation?: AnyTranslationProvider[];
  /** Signs the references asynchronous providers hand back in their callbacks. */
  callbackSecret?: string;
}

/** Every activity the case workflows call, built over their dependencies. */
export function createActivities({ db, translation = [], callbackSecret }: ActivityDeps) {
  return { ...recordActivities(db), translateText: translateTextActivity(db, translation, callbackSecret) };
}

export type CaseActivities = ReturnType<typeof createActivities>;
