/**
 * The multilingual authority search and the directory's upkeep by coordinators, through the API
 * and PostgreSQL's full-text search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVocabulary, type Concept } from '../db/directory.js';
import { authorities, officials } from '../db/schema/index.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { startHarness, type Harness } from './support/harness.js';

const PQ = 'professional-qualifications';
const vocabulary: Concept[] = [
  {
    id: `${PQ}/general-care-nurse`,
    area: PQ,
    terms: {
      en: ['general care nurse', 'nurse', 'nursing'],
      de: ['Gesundheits- und Krankenpfleger', 'Krankenpflege'],
      fr: ['infirmier responsable des soins généraux', 'infirmier', 'soins infirmiers'],
      pt: ['enfermeiro responsável por cuidados gerais', 'enfermagem'],
    },
  },
  { id: `${PQ}/architect`, area: PQ, terms: { en: ['architect'], de: ['Architekt'], fr: ['architecte'], pt: ['arquiteto'] } },
];

let h: Harness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
  await loadVocabulary(h.database.db, vocabulary);
  await h.database.db.insert(authorities).values([
    { id: 'DE-PFLEGE', country: 'DE', level: 'regional', name: 'Landesamt für Pflegeberufe', names: { de: 'Landesamt für Pflegeberufe' }, languages: ['de'], city: 'Stuttgart', areas: [PQ], competences: [`${PQ}/general-care-nurse`] },
    { id: 'FR-ONI', country: 'FR', level: 'national', name: 'Ordre national des infirmiers', names: { fr: 'Ordre national des infirmiers' }, languages: ['fr'], city: 'Paris', areas: [PQ], competences: [`${PQ}/general-care-nurse`] },
    { id: 'FR-ARS', country: 'FR', level: 'regional', name: 'Agence régionale de santé Occitanie', names: { fr: 'Agence régionale de santé Occitanie' }, languages: ['fr'], city: 'Montpellier', areas: [PQ, 'patients-rights'], competences: [`${PQ}/general-care-nurse`], keywords: ['hôpitaux'] },
    { id: 'FR-CNOA', country: 'FR', level: 'national', name: 'Conseil national de l’Ordre des architectes', names: { fr: 'Conseil national de l’Ordre des architectes' }, languages: ['fr'], city: 'Paris', areas: [PQ], competences: [`${PQ}/architect`], procedures: ['pq-information-request'] },
  ]);
  await h.database.db.insert(officials).values([
    { login: 'reader.pt', name: 'Reader', authorityId: 'FR-ONI', roles: ['official'], language: 'pt' },
    { login: 'reader.it', name: 'Lettore', authorityId: 'FR-ONI', roles: ['official'], language: 'it' },
    { login: 'coord.fr', name: 'Coordinator FR', authorityId: 'FR-ONI', roles: ['official', 'coordinator'], language: 'fr' },
    { login: 'coord.de', name: 'Coordinator DE', authorityId: 'DE-PFLEGE', roles: ['official', 'coordinator'], language: 'de' },
    { login: 'limic.fr', name: 'Services coordinator FR', authorityId: 'FR-ONI', roles: ['official', 'coordinator'], coordinatorAreas: ['services'], language: 'fr' },
  ]);
});
afterAll(async () => h?.close());

const ids = async (query: string, login = 'reader.pt') => {
  const res = await api.get(login, `/v1/authorities?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
};

describe('multilingual search', () => {
  it.each([
    ['an English query finds the authority registered in German', 'q=nurse&country=DE', ['DE-PFLEGE']],
    ['a German query finds the French authorities', 'q=Krankenpflege&country=FR', ['FR-ONI', 'FR-ARS']],
    ['a Portuguese query, without its accents', 'q=enfermagem&country=DE', ['DE-PFLEGE']],
    ['accents and case are ignored', 'q=INFIRMIERE&country=FR', ['FR-ONI', 'FR-ARS']],
    ['a stemmed form matches', 'q=architectes', ['FR-CNOA']],
    ['a typo is tolerated', 'q=Krankenpfelge', ['DE-PFLEGE', 'FR-ONI', 'FR-ARS']],
    ['a free keyword in the authority’s language', 'q=hopitaux', ['FR-ARS']],
    ['two words must both match', 'q=infirmier%20Montpellier', ['FR-ARS']],
  ])('when %s, then it is found', async (_what, query, expected) => {
    expect((await ids(query)).sort()).toEqual([...expected].sort());
  });

  it('when the query matches a name and a competence, then the authority named for it comes first', async () => {
    expect(await ids('q=infirmiers&country=FR')).toEqual(['FR-ONI', 'FR-ARS']);
  });

  it('when filters are given, then only authorities of that level, legal area or procedure come back', async () => {
    expect(await ids('q=nurse&level=regional')).toEqual(expect.arrayContaining(['DE-PFLEGE', 'FR-ARS']));
    expect(await ids('q=nurse&level=national')).toEqual(['FR-ONI']);
    expect(await ids('area=patients-rights')).toEqual(['FR-ARS']);
    expect((await ids(`area=${PQ}&country=FR&procedure=pq-alert-restriction`)).sort()).toEqual(['FR-ARS', 'FR-ONI']);
    expect(await ids('q=nurse&country=IT')).toEqual([]);
  });

  it('when an official reads the results, then competences are labelled in their language', async () => {
    const res = (await api.get('reader.pt', '/v1/authorities?q=nurse&country=DE')).json();

    expect(res.items[0].competences).toEqual([{ id: `${PQ}/general-care-nurse`, label: 'enfermeiro responsável por cuidados gerais' }]);
  });

  it('when the vocabulary has no term in the reader’s language, then competences are labelled in English', async () => {
    const res = (await api.get('reader.it', '/v1/authorities?q=architecte')).json();

    expect(res.items[0].competences).toEqual([{ id: `${PQ}/architect`, label: 'architect' }]);
  });

  it('when the query is malformed, then it is refused with 400', async () => {
    expectProblem(await api.get('reader.pt', '/v1/authorities?country=France'), 400);
    expectProblem(await api.get('reader.pt', '/v1/authorities?area=astrology'), 400);
  });
});

describe('directory upkeep', () => {
  it('when a coordinator registers and then changes an entry of their country, then it is found at once and every change is audited; an area coordinator keeps only entries of its areas', async () => {
    const entry = { name: 'Ordre des sages-femmes', level: 'national', areas: [PQ], languages: ['fr'], city: 'Paris', keywords: ['maïeutique'] };

    const created = await api.put('coord.fr', '/v1/authorities/FR-CNOSF', entry);
    const found = await ids('q=maieutique');
    const changed = await api.put('coord.fr', '/v1/authorities/FR-CNOSF', { ...entry, city: 'Lyon' });
    const foreign = await api.put('coord.de', '/v1/authorities/FR-CNOSF', entry);
    const notCoordinator = await api.put('reader.pt', '/v1/authorities/FR-CNOSF', entry);
    const otherArea = await api.put('limic.fr', '/v1/authorities/FR-CNOSF', { ...entry, areas: ['services'] });
    const ownArea = await api.put('limic.fr', '/v1/authorities/FR-GUICHET', { ...entry, name: 'Guichet entreprises', areas: ['services'] });
    const history = (await api.get('coord.fr', '/v1/authorities/FR-CNOSF/history')).json();

    expect(created.statusCode, created.body).toBe(201);
    expect(found).toEqual(['FR-CNOSF']);
    expect(changed.json().address.city).toBe('Lyon');
    expectProblem(foreign, 403);
    expectProblem(notCoordinator, 403);
    expectProblem(otherArea, 403, /you coordinate services; this entry also covers professional-qualifications/);
    expect(ownArea.statusCode, ownArea.body).toBe(201);
    expect(history.items).toMatchObject([
      { action: 'create', changedBy: 'coord.fr', before: null, after: { city: 'Paris' } },
      { action: 'update', changedBy: 'coord.fr', before: { city: 'Paris' }, after: { city: 'Lyon' } },
    ]);
  });
});
