/**
 * A realistic directory at IMI's scale (13 000 authorities, 35 000 officials over the 30 EEA
 * countries), generated from db/directory-data.json: real regions and cities, authority names in
 * each country's own language(s) and in English, competences from the pre-translated vocabulary.
 * Seeded and pure: the same seed gives the same directory, byte for byte.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { Concept } from './directory.js';
import { authorities, officials, type NewAuthority, type NewOfficial } from './schema/index.js';
import { contract } from './name-grammar.js';
import { loginPart } from './transliterate.js';

export interface DirectoryData {
  countries: { code: string; languages: string[]; weight: number; regions: { name: string; cities: string[] }[]; firstNames: string[]; lastNames: string[] }[];
  authorityTypes: {
    area: string;
    level: 'national' | 'regional' | 'local';
    weight: number;
    name: Record<string, string>;
    competences: string[];
    keywords?: Record<string, string[]>;
  }[];
}

export async function readDirectoryData(): Promise<DirectoryData> {
  return JSON.parse(await readFile(fileURLToPath(new URL('./directory-data.json', import.meta.url)), 'utf8'));
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(xs: readonly T[], weight: (x: T) => number): T => {
    const total = xs.reduce((s, x) => s + weight(x), 0);
    let r = next() * total;
    for (const x of xs) if ((r -= weight(x)) < 0) return x;
    return xs[xs.length - 1];
  };
  return { next, pick, weighted };
}

const EURO_AREA = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'EE', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PT', 'SK', 'SI', 'ES']);
const NO_REGIONAL_TIER = new Set(['LI', 'MT', 'LU', 'CY']);
const initials = (area: string) => area.split('-').map((w) => w[0]).join('').toUpperCase();
// Only the word before a place is handed to contract(): the templates' own prose is left alone,
// since "de a" or "de le" can be correct there (Portuguese "antes de a lei…", French "de le faire").
const render = (template: string, region: string, city: string, language = 'en') =>
  template.replace(/(?:(\S+) )?\{(city|region)\}/g, (_, before: string | undefined, key: string) => {
    const place = key === 'city' ? city : region;
    return before === undefined ? place : contract(language, `${before} ${place}`);
  });

export interface GeneratedDirectory {
  authorities: NewAuthority[];
  officials: NewOfficial[];
}

export function generateDirectory(
  data: DirectoryData,
  vocabulary: Concept[],
  { authorityCount = 13_000, officialCount = 35_000, seed = 2021, allAreas }: { authorityCount?: number; officialCount?: number; seed?: number; allAreas: string[] },
): GeneratedDirectory {
  const rnd = random(seed);
  const byArea = new Map<string, string[]>();
  for (const c of vocabulary) byArea.set(c.area, [...(byArea.get(c.area) ?? []), c.id]);
  const out: GeneratedDirectory = { authorities: [], officials: [] };
  const names = new Set<string>();
  // Every country has its national IMI coordinator; the rest spread by population, small countries kept visible.
  for (const country of data.countries) {
    out.authorities.push({
      id: `${country.code}-NIMIC`,
      country: country.code,
      level: 'national',
      name: `National IMI coordinator (${country.code})`,
      nameEn: `National IMI coordinator (${country.code})`,
      names: {},
      languages: country.languages,
      city: country.regions[0].cities[0],
      region: country.regions[0].name,
      areas: allAreas,
    });
  }
  // National bodies exist once per country; regional and local ones spread by population.
  const nationals = data.authorityTypes.filter((t) => t.level === 'national');
  const others = data.authorityTypes.filter((t) => t.level !== 'national');
  const fits = (t: DirectoryData['authorityTypes'][number], country: string) =>
    (t.area !== 'euro-cash-transport' || EURO_AREA.has(country)) &&
    // Only federal Germany has regional data protection authorities; microstates have no regional tier.
    !(t.area === 'gdpr' && t.level !== 'national' && country !== 'DE') &&
    !(t.level === 'regional' && NO_REGIONAL_TIER.has(country));
  const add = (country: DirectoryData['countries'][number], type: DirectoryData['authorityTypes'][number], n: number) => {
    const region = type.level === 'national' ? country.regions[0] : rnd.pick(country.regions);
    // A regional body sits in the region's seat (its first city).
    const city = type.level === 'local' ? rnd.pick(region.cities) : region.cities[0];
    const own = Object.fromEntries(country.languages.map((l) => [l, render(type.name[l] ?? type.name.en, region.name, city, type.name[l] ? l : 'en')]));
    let name = own[country.languages[0]];
    // Bodies of one kind in one place are told apart by number.
    for (let k = 2; names.has(`${country.code}|${name}`); k++) name = `${own[country.languages[0]]} ${k}`;
    names.add(`${country.code}|${name}`);
    own[country.languages[0]] = name;
    const extra = rnd.next() < 0.3 ? [rnd.pick(byArea.get(type.area) ?? type.competences)] : [];
    out.authorities.push({
      id: `${country.code}-${initials(type.area)}-${String(n).padStart(5, '0')}`,
      country: country.code,
      level: type.level,
      name,
      nameEn: render(type.name.en, region.name, city),
      names: own,
      languages: country.languages,
      region: region.name,
      city,
      postcode: String(10000 + Math.floor(rnd.next() * 89999)),
      areas: [type.area],
      competences: [...new Set([...type.competences, ...extra])],
      keywords: [...new Set(country.languages.flatMap((l) => type.keywords?.[l] ?? []))],
    });
  };
  let n = 0;
  for (const country of data.countries) for (const t of nationals) if (fits(t, country.code)) add(country, t, ++n);
  const rest = Math.max(0, authorityCount - out.authorities.length);
  const shares = data.countries.map((c) => Math.max(1, c.weight) ** 0.7);
  const totalShare = shares.reduce((a, b) => a + b, 0);
  const perCountry = shares.map((x) => Math.round((rest * x) / totalShare));
  perCountry[0] += rest - perCountry.reduce((a, b) => a + b, 0);
  data.countries.forEach((country, ci) => {
    const eligible = others.filter((t) => fits(t, country.code));
    for (let k = 0; k < perCountry[ci]; k++) add(country, rnd.weighted(eligible, (t) => t.weight), ++n);
  });
  // At least one official per authority, two coordinators per country, the rest where the work is (national bodies weigh more).
  const taken = new Map<string, number>();
  const countries = new Map(data.countries.map((c) => [c.code, c]));
  const official = (a: NewAuthority, roles: string[]) => {
    const country = countries.get(a.country)!;
    // The data lists ten female then ten male first names, and surnames in the matching forms
    // (Nováková / Novák, Kowalska / Kowalski).
    const female = rnd.next() < 0.5;
    const first = country.firstNames[(female ? 0 : 10) + Math.floor(rnd.next() * 10)];
    const last = country.lastNames[(female ? 0 : 10) + Math.floor(rnd.next() * 10)];
    // The second Anna Schmidt is anna.schmidt2: a counter per name, not a search for a free one.
    // Names keep their script; the login is transliterated (Μαρία Παππά is maria.pappa), since
    // dropping non-ASCII letters left Greek and Bulgarian officials with logins like `.123`.
    const base = `${loginPart(first)}.${loginPart(last)}`;
    const k = (taken.get(base) ?? 0) + 1;
    taken.set(base, k);
    const login = k === 1 ? base : `${base}${k}`;
    out.officials.push({ login, name: `${first} ${last}`, authorityId: a.id!, roles, language: country.languages[0] });
  };
  for (const a of out.authorities) official(a, a.id!.endsWith('-NIMIC') ? ['official', 'coordinator'] : ['official']);
  for (const a of out.authorities.filter((x) => x.id!.endsWith('-NIMIC'))) official(a, ['official', 'coordinator']);
  // Cumulative weights and a binary search: a linear pick per official would be quadratic.
  const cumulative: number[] = [];
  let sum = 0;
  for (const a of out.authorities) cumulative.push((sum += a.level === 'national' ? 4 : a.level === 'regional' ? 2 : 1));
  while (out.officials.length < officialCount) {
    const r = rnd.next() * sum;
    let lo = 0;
    for (let hi = cumulative.length - 1; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    official(out.authorities[lo], ['official']);
  }
  return out;
}

/** Inserts a generated directory in batches; rows already there are left as they are. */
export async function insertDirectory(db: Db, d: GeneratedDirectory, batch = 500): Promise<void> {
  for (let i = 0; i < d.authorities.length; i += batch) {
    await db.insert(authorities).values(d.authorities.slice(i, i + batch)).onConflictDoNothing();
  }
  for (let i = 0; i < d.officials.length; i += batch * 4) {
    await db.insert(officials).values(d.officials.slice(i, i + batch * 4)).onConflictDoNothing();
  }
  // Vacuum, not only analyze: it merges the search index's pending entries, which every search
  // would otherwise read through until autovacuum comes by.
  await db.execute(sql`vacuum (analyze) authorities, search_terms`);
}
