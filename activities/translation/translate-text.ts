import type { Db } from '../../db/client.js';
import { recordTranslation } from '../../db/queries.js';
import { CompleteAsyncError, Context } from '@temporalio/activity';
import { signReference } from '../../lib/callback-reference.js';
import { isAsync, planRoute, type AnyTranslationProvider } from './provider.js';

const pick = ({ caseId, seq, field, from, to }: TranslateTextInput) => ({ caseId, seq, field, from, to });

export interface TranslateTextInput {
  caseId: string;
  seq: number;
  field: string;
  text: string;
  from: string;
  to: string;
}

/**
 * Translates one free text of a case into one language and records the result. A pair no
 * provider supports is recorded as such, never silently dropped; a provider that cannot be
 * reached is recorded as "retrying" and the error rethrown, so Temporal retries the activity
 * while the case goes on.
 */
export function translateTextActivity(db: Db, providers: AnyTranslationProvider[], callbackSecret?: string) {
  const record = (i: TranslateTextInput, row: Parameters<typeof recordTranslation>[2]) => recordTranslation(db, i, row);

  return async function translateText(i: TranslateTextInput): Promise<{ status: string }> {
    try {
      const route = await planRoute(providers, i.from, i.to);
      if (!route) {
        const note = `no machine translation for ${i.from} to ${i.to}`;
        await record(i, { status: 'unsupported', note, text: null, engine: null, route: null });
        return { status: 'unsupported' };
      }
      const provider = route.provider;
      if (isAsync(provider)) {
        if (!callbackSecret) throw new Error(`${provider.name} needs a callback secret (ETRANSLATION_CALLBACK_SECRET)`);
        const reference = signReference({ taskToken: Buffer.from(Context.current().info.taskToken).toString('base64'), ...pick(i) }, callbackSecret);
        await record(i, { status: 'pending', note: `submitted to ${provider.name}, waiting for its answer`, engine: provider.name, route: route.languages });
        await provider.submit({ text: i.text, from: i.from, to: i.to, reference });
        // POST /v1/callbacks/etranslation completes this activity when the translation arrives.
        throw new CompleteAsyncError();
      }
      let text = i.text;
      for (let k = 0; k + 1 < route.languages.length; k++) text = await provider.translate(text, route.languages[k], route.languages[k + 1]);
      const pivot = route.languages.length > 2 ? ` through ${route.languages[1]}` : '';
      await record(i, { status: 'done', text, engine: provider.name, route: route.languages, note: `machine translation ${i.from}→${i.to}${pivot}` });
      return { status: 'done' };
    } catch (err) {
      if (err instanceof CompleteAsyncError) throw err;
      await record(i, { status: 'retrying', note: `machine translation unavailable, retrying: ${(err as Error).message}` }).catch(() => {});
      throw err;
    }
  };
}
