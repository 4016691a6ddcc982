/** What officials type into the authority search, drawn from the generated directory with a fixed seed. */
import type { Concept } from '../../db/directory.js';
import { random, type DirectoryData, type GeneratedDirectory } from '../../db/generate-directory.js';

export interface BenchQuery {
  kind: string;
  url: string;
  /** Authorities a good answer lists near the top. */
  expect?: string[];
}

const stripAccents = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** Swaps two letters inside the longest word: the commonest typo. */
function typo(s: string, at: number): string {
  const words = s.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best].length ? k : best), 0);
  const w = words[i];
  if (w.length < 5) return s;
  const p = 1 + (at % (w.length - 3));
  words[i] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  return words.join(' ');
}

export function queryMix(directory: GeneratedDirectory, vocabulary: Concept[], data: DirectoryData, n: number, seed: number): BenchQuery[] {
  const rnd = random(seed + 1);
  const holders = new Map<string, Map<string, string[]>>();
  for (const a of directory.authorities) {
    for (const c of a.competences ?? []) {
      const byCountry = holders.get(c) ?? new Map<string, string[]>();
      byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a.id!]);
      holders.set(c, byCountry);
    }
  }
  const held = vocabulary.filter((c) => holders.has(c.id));
  const languagesOf = new Map(data.countries.map((c) => [c.code, c.languages]));
  const crossLanguage = () => {
    const concept = rnd.pick(held);
    const [country, ids] = rnd.pick([...holders.get(concept.id)!]);
    const foreign = Object.keys(concept.terms).filter((l) => !languagesOf.get(country)!.includes(l));
    const term = rnd.pick(concept.terms[rnd.pick(foreign)]);
    return { term, country, ids };
  };
  const url = (q: string, country?: string) => `/v1/authorities?q=${encodeURIComponent(q)}${country ? `&country=${country}` : ''}`;
  const kinds: [string, number, () => BenchQuery][] = [
    ['term in another language', 40, () => {
      const { term, country, ids } = crossLanguage();
      return { kind: 'term in another language', url: url(term, country), expect: ids };
    }],
    ['same, with a typo', 20, () => {
      const { term, country, ids } = crossLanguage();
      return { kind: 'same, with a typo', url: url(typo(term, Math.floor(rnd.next() * 100)), country), expect: ids };
    }],
    ['same, without accents', 15, () => {
      const { term, country, ids } = crossLanguage();
      return { kind: 'same, without accents', url: url(stripAccents(term).toUpperCase(), country), expect: ids };
    }],
    ['name fragment', 15, () => {
      const a = rnd.pick(directory.authorities);
      const words = a.name.split(/\s+/).filter((w) => w.length > 3).slice(0, 2);
      // Several bodies may share those words (one chamber per region): any of them is a right answer.
      const expect = directory.authorities.filter((b) => b.country === a.country && words.every((w) => b.name.includes(w))).map((b) => b.id!);
      return { kind: 'name fragment', url: url(words.join(' ') || a.name, a.country), expect };
    }],
    ['filters only', 10, () => {
      const a = rnd.pick(directory.authorities);
      return { kind: 'filters only', url: `/v1/authorities?country=${a.country}&area=${a.areas![0]}` };
    }],
  ];
  return Array.from({ length: n }, () => rnd.weighted(kinds, (k) => k[1])[2]());
}
