/** Preposition + article contraction in generated authority names ("Mairie du Mans", not "de Le Mans"). */
import { describe, expect, it } from 'vitest';
import { generateDirectory, readDirectoryData } from '../db/generate-directory.js';
import { contract } from '../db/name-grammar.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';

describe('contract', () => {
  it.each([
    ['fr', 'Mairie de Le Mans', 'Mairie du Mans'],
    ['fr', 'Ordre de Les Abymes', 'Ordre des Abymes'],
    ['fr', 'Bureau à Le Havre', 'Bureau au Havre'],
    ['fr', 'Bureau à Les Abymes', 'Bureau aux Abymes'],
    ['fr', 'Mairie de La Louvière', 'Mairie de La Louvière'],
    ["fr", "Mairie de L'Isle-Adam", "Mairie de L'Isle-Adam"],
    ['fr', 'Mairie de Lens', 'Mairie de Lens'],
    ['fr', 'Mairie de Pointe-à-Pitre', 'Mairie de Pointe-à-Pitre'],
    ['fr', 'De Le Mans', 'Du Mans'],
    ['pt', 'Câmara Municipal de O Porto', 'Câmara Municipal do Porto'],
    ['pt', 'Tribunal de A Guarda', 'Tribunal da Guarda'],
    ['pt', 'Direção de Os Açores', 'Direção dos Açores'],
    ['pt', 'Delegação em As Caldas', 'Delegação nas Caldas'],
    ['pt', 'Câmara Municipal de Lisboa', 'Câmara Municipal de Lisboa'],
    ['es', 'Ayuntamiento de El Puerto', 'Ayuntamiento del Puerto'],
    ['es', 'Viaje a El Ejido', 'Viaje al Ejido'],
    ['es', 'Ayuntamiento de Las Palmas de Gran Canaria', 'Ayuntamiento de Las Palmas de Gran Canaria'],
    ["es", "Registro Civil de L'Hospitalet de Llobregat", "Registro Civil de L'Hospitalet de Llobregat"],
    ['it', 'Comune di Il Cairo', 'Comune del Cairo'],
    ['it', 'Comune di La Spezia', 'Comune della Spezia'],
    ["it", "Provincia di L'Aquila", "Provincia dell'Aquila"],
    ['it', 'Ufficio di Lo Stato', 'Ufficio dello Stato'],
    ['it', 'Corte di I Mille', 'Corte dei Mille'],
    ['it', 'Ufficio di Gli Abruzzi', 'Ufficio degli Abruzzi'],
    ['it', 'Santuario di Le Grazie', 'Santuario delle Grazie'],
    ['de', 'Stadt de Le Mans', 'Stadt de Le Mans'],
  ])('%s: %s → %s', (language, text, expected) => {
    expect(contract(language, text)).toBe(expected);
  });
});

describe('generated authority names', () => {
  it('when the directory is generated, then no name in French, Portuguese, Spanish or Italian leaves a preposition uncontracted before an article', async () => {
    const [data, vocabulary, catalog] = await Promise.all([readDirectoryData(), readCompetences(), loadCatalog()]);
    const d = generateDirectory(data, vocabulary, { seed: 2021, allAreas: [...catalog.areas.keys()] });
    const inLanguage = (l: string) => d.authorities.flatMap((a) => (a.names as Record<string, string>)[l] ?? []);
    const offending = (l: string, bad: string[]) => inLanguage(l).filter((n) => bad.some((b) => n.includes(b)));

    expect(offending('fr', [' de Le ', ' de Les ', ' à Le ', ' à Les '])).toEqual([]);
    expect(offending('pt', [' de O ', ' de Os ', ' de A ', ' de As '])).toEqual([]);
    expect(offending('es', [' de El ', ' a El '])).toEqual([]);
    expect(offending('it', [' di Il ', ' di La ', " di L'", ' di Lo ', ' di I ', ' di Gli ', ' di Le '])).toEqual([]);
    // The data's own article-led places do come out contracted.
    expect(inLanguage('fr').some((n) => n.includes(' du Mans'))).toBe(true);
    expect(inLanguage('it').some((n) => n.includes(' della Spezia'))).toBe(true);
    expect(inLanguage('it').some((n) => n.includes(" dell'Aquila"))).toBe(true);
    // "La Louvière" keeps its article after "de".
    expect(inLanguage('fr').filter((n) => n.includes('Louvière')).every((n) => n.includes(' de La Louvière') || !n.includes(' de '))).toBe(true);
  });
});
