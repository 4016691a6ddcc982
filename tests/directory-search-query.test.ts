/**
 * The directory search inside PostgreSQL (migrations 0002 and 0006), on a database of its own: what
 * a typed query becomes, how a misspelt word is corrected, and how a broad query's many matches are
 * ranked and paged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import { loadVocabulary, searchAuthorities } from '../db/directory.js';
import { runMigrations } from '../db/migrate.js';
import { authorities, type NewAuthority } from '../db/schema/index.js';
import { createTestDatabase } from './support/harness.js';

const PQ = 'professional-qualifications';
/** More than the search ranks in full (RANKED in db/directory.ts), so some are only ordered by name. */
const BROAD = 130;

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, { max: 2 });
  await runMigrations(database);
  await loadVocabulary(database.db, [
    { id: `${PQ}/general-care-nurse`, area: PQ, terms: { en: ['general care nurse', 'nurse'], de: ['Krankenpflege'], fr: ['infirmier'] } },
  ]);
  const registries: NewAuthority[] = Array.from({ length: BROAD }, (_, i) => ({
    id: `LU-REG-${String(i).padStart(3, '0')}`,
    country: 'LU',
    level: 'local',
    name: `Bureau communal ${String(i).padStart(3, '0')}`,
    languages: ['fr'],
    areas: [PQ],
    keywords: ['registre des infirmiers'],
  }));
  await database.db.insert(authorities).values([
    ...registries,
    { id: 'LU-RI', country: 'LU', level: 'national', name: 'Registre des infirmiers', names: { fr: 'Registre des infirmiers' }, languages: ['fr'], areas: [PQ] },
    { id: 'DE-PFLEGE', country: 'DE', level: 'regional', name: 'Landesamt für Pflegeberufe', languages: ['de'], areas: [PQ], competences: [`${PQ}/general-care-nurse`] },
  ]);
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const readingsOf = async (q: string) => ((await database.sql`select liaison_query(${q})::text as q`)[0].q as string).split(' | ');

describe('liaison_query', () => {
  it('when languages stem a word alike, then each distinct reading is kept once', async () => {
    const readings = await readingsOf('infirmiers registre');

    expect(readings.length).toBe(new Set(readings).size);
    expect(readings.length).toBeLessThan(18);
    expect(readings).toContain("'infirmiers':* & 'registre':*");
  });

  it('when a word has one or two letters, then it is matched whole, and longer words as prefixes', async () => {
    expect((await readingsOf("Service de l'État"))[0]).toBe("'service':* & 'de' & 'l' & 'etat':*");
  });

  it('when the query has no words, then it is NULL and matches nothing', async () => {
    expect((await database.sql`select liaison_query('-- !') as q`)[0].q).toBeNull();
    expect(await searchAuthorities(database.db, { q: '-- !', limit: 20, offset: 0 })).toEqual({ items: [], total: 0 });
  });
});

describe('liaison_correct', () => {
  it.each([
    ['a known word', 'krankenpflege', 'krankenpflege'],
    ['a word with two letters swapped', 'krankenpfelge', 'krankenpflege'],
    ['a word like none of the directory', 'zzyzxq', 'zzyzxq'],
  ])('when given %s, then it reads %s as %s, whatever the session’s similarity threshold', async (_what, word, expected) => {
    const corrected = await database.sql.begin(async (tx) => {
      await tx`set local pg_trgm.similarity_threshold = 0.9`;
      return (await tx`select liaison_correct(${word}) as w`)[0].w;
    });

    expect(corrected).toBe(expected);
  });
});

describe('ranking a broad query', () => {
  it('when more authorities match than are ranked, then the one named for the query comes first', async () => {
    const { items, total } = await searchAuthorities(database.db, { q: 'registre infirmiers', country: 'LU', limit: 5, offset: 0 });

    expect(total).toBe(BROAD + 1);
    expect(items[0]).toMatchObject({ id: 'LU-RI', name: 'Registre des infirmiers', country: 'LU', keywords: [] });
    expect(items[0].updatedAt).toBeInstanceOf(Date);
  });

  it('when the matches are read page by page, then each comes exactly once and the count holds past the end', async () => {
    const pages = await Promise.all(
      [0, 40, 80, 120, 160].map((offset) => searchAuthorities(database.db, { q: 'registre infirmiers', country: 'LU', limit: 40, offset })),
    );
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));

    expect(ids.length).toBe(BROAD + 1);
    expect(new Set(ids).size).toBe(BROAD + 1);
    expect(pages.map((p) => p.total)).toEqual(Array(5).fill(BROAD + 1));
    expect(pages[4].items).toEqual([]);
  });
});
