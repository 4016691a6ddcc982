/**
 * Machine translation behind one interface. A provider says which pairs it translates and
 * translates plain text; route planning (direct, else through one pivot language) is shared.
 */
export interface TranslationProvider {
  /** Shown beside every translation it made, e.g. "apertium". */
  readonly name: string;
  /** Pairs as "from>to" in ISO 639-1 codes. Throws when the provider cannot be reached. */
  pairs(): Promise<Set<string>>;
  translate(text: string, from: string, to: string): Promise<string>;
}

/** A provider that answers later, by calling back (eTranslation): the activity completes from outside. */
export interface AsyncTranslationProvider {
  readonly name: string;
  readonly async: true;
  pairs(): Promise<Set<string>>;
  /** `reference` comes back in the callback (lib/callback-reference.ts). */
  submit(req: { text: string; from: string; to: string; reference: string }): Promise<void>;
}

export type AnyTranslationProvider = TranslationProvider | AsyncTranslationProvider;
export const isAsync = (p: AnyTranslationProvider): p is AsyncTranslationProvider => 'async' in p && p.async === true;

export interface Route {
  provider: AnyTranslationProvider;
  /** Languages in order: [from, to] for a direct pair, [from, pivot, to] through a pivot. */
  languages: string[];
}

/**
 * The shortest route: a direct pair of the first provider that has one, else a pivot through one
 * intermediate language of the same provider (pt→en through es with Apertium). Null when no
 * provider can do it. A provider that cannot be reached throws: the activity retries.
 */
export async function planRoute(providers: AnyTranslationProvider[], from: string, to: string): Promise<Route | null> {
  const all = await Promise.all(providers.map(async (p) => ({ p, pairs: await p.pairs() })));
  for (const { p, pairs } of all) if (pairs.has(`${from}>${to}`)) return { provider: p, languages: [from, to] };
  // A pivot chains two translations in one activity: only providers that answer at once.
  for (const { p, pairs } of all.filter(({ p }) => !isAsync(p))) {
    const pivots = [...pairs].filter((x) => x.startsWith(`${from}>`)).map((x) => x.split('>')[1]).sort();
    const pivot = pivots.find((m) => pairs.has(`${m}>${to}`));
    if (pivot) return { provider: p, languages: [from, pivot, to] };
  }
  return null;
}
