/** The generated IMI-scale directory: repeatable, at scale, and shaped like the real one. */
import { describe, expect, it } from 'vitest';
import { generateDirectory, readDirectoryData } from '../db/generate-directory.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';

const [data, vocabulary, catalog] = await Promise.all([readDirectoryData(), readCompetences(), loadCatalog()]);
const allAreas = [...catalog.areas.keys()];
const generate = (seed: number) => generateDirectory(data, vocabulary, { seed, allAreas });

describe('the directory generator', () => {
  it('when run twice with one seed, then it gives the same directory, and another seed another one', () => {
    const a = generate(7);

    expect(generate(7)).toEqual(a);
    expect(generate(8).authorities.map((x) => x.name)).not.toEqual(a.authorities.map((x) => x.name));
  });

  it('when run with the defaults, then it has IMI’s 13 000 authorities and 35 000 officials over the 30 EEA countries, each name unique in its country', () => {
    const d = generate(2021);
    const countries = new Set(d.authorities.map((a) => a.country));
    const ids = new Set(d.authorities.map((a) => a.id));
    const names = new Set(d.authorities.map((a) => `${a.country}|${a.name}`));
    const logins = new Set(d.officials.map((o) => o.login));

    expect(d.authorities).toHaveLength(13_000);
    expect(d.officials).toHaveLength(35_000);
    expect(countries.size).toBe(30);
    expect(ids.size).toBe(13_000);
    expect(names.size).toBe(13_000);
    expect(logins.size).toBe(35_000);
    expect(d.officials.every((o) => ids.has(o.authorityId))).toBe(true);
    expect(new Set(d.officials.map((o) => o.authorityId)).size).toBe(13_000);
  });

  it('when authorities are generated, then they are named in their country’s languages, hold competences of their area, and follow the real tiers', () => {
    const d = generate(2021);
    const known = new Set(vocabulary.map((c) => c.id));
    const be = d.authorities.find((a) => a.country === 'BE' && !a.id!.endsWith('-NIMIC'))!;
    const national = (country: string, area: string) => d.authorities.filter((a) => a.country === country && a.level === 'national' && a.areas![0] === area);

    expect(Object.keys(be.names!).sort()).toEqual(['de', 'fr', 'nl']);
    const wrongCompetence = d.authorities.filter((a) => !(a.competences ?? []).every((c) => known.has(c) && a.areas!.some((area) => c.startsWith(`${area}/`))));
    expect(wrongCompetence).toEqual([]);
    expect(d.authorities.filter((a) => a.areas!.includes('euro-cash-transport') && ['SE', 'DK', 'PL', 'NO'].includes(a.country) && !a.id!.endsWith('-NIMIC'))).toEqual([]);
    expect(d.authorities.filter((a) => a.areas!.includes('gdpr') && a.level !== 'national' && a.country !== 'DE')).toEqual([]);
    expect(d.authorities.filter((a) => a.level === 'regional' && ['LI', 'MT', 'LU', 'CY'].includes(a.country))).toEqual([]);
    expect(national('FR', 'gdpr').length).toBeLessThanOrEqual(data.authorityTypes.filter((t) => t.area === 'gdpr' && t.level === 'national').length);
    expect(d.officials.filter((o) => o.roles!.includes('coordinator'))).toHaveLength(60);
  });

  it('when officials are generated, then every login is first.last in plain a-z, a counter after repeats, also for names in Greek and Cyrillic', () => {
    const d = generate(2021);
    // The shape the generator gives and the seeded officials share (anna.schmidt, anna.schmidt2).
    const shape = /^[a-z]+\.[a-z]+([2-9]|[1-9][0-9]+)?$/;
    const inCountry = (country: string) => d.officials.filter((o) => o.authorityId.startsWith(`${country}-`));
    const named = (name: string) => d.officials.filter((o) => o.name === name).map((o) => o.login);

    expect(d.officials.filter((o) => !shape.test(o.login))).toEqual([]);
    expect(d.officials.filter((o) => o.login.startsWith('.'))).toEqual([]);
    // Display names keep their own script.
    expect(inCountry('GR').every((o) => /^[\p{Script=Greek} ]+$/u.test(o.name!))).toBe(true);
    expect(inCountry('BG').every((o) => /^[\p{Script=Cyrillic} ]+$/u.test(o.name!))).toBe(true);
    expect(named('Γεώργιος Παπαδόπουλος')).toContain('georgios.papadopoulos');
    expect(named('Цветелина Христова')).toContain('tsvetelina.hristova2');
    expect(named('Helle Sørensen')).toContain('helle.sorensen');
  });
});
