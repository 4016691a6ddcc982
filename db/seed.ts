/**
 * Demo directory for the embedded default: a handful of authorities in several countries, with
 * officials and coordinators. Idempotent, so every start can run it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import { generateDirectory, insertDirectory, readDirectoryData, type GeneratedDirectory } from './generate-directory.js';
import { authorities, officials, type NewAuthority, type NewOfficial } from './schema/index.js';

const PQ = 'professional-qualifications';
/** Coordinators and the Commission take part in every legal area. */
const ALL_AREAS = [
  'consumer-protection-cooperation', 'cultural-objects', 'e-commerce', 'ejn-civil', 'euro-cash-transport',
  'european-professional-card', 'firearms', 'gdpr', 'non-road-mobile-machinery', 'patients-rights', 'posting-of-workers',
  PQ, 'public-documents', 'public-procurement', 'services', 'solvit', 'train-driving-licences',
];

export const demoAuthorities: NewAuthority[] = [
  { id: 'DE-LAEK-BW', country: 'DE', level: 'regional', city: 'Stuttgart', name: 'Landesärztekammer Baden-Württemberg', nameEn: 'State Chamber of Physicians of Baden-Württemberg', areas: [PQ], languages: ['de'], competences: [`${PQ}/doctor-of-medicine`] },
  { id: 'DE-RP-STUTTGART', country: 'DE', level: 'regional', city: 'Stuttgart', name: 'Regierungspräsidium Stuttgart, Landesprüfungsamt für Medizin und Pharmazie', nameEn: 'Stuttgart Regional Council, State Examination Office', areas: [PQ], languages: ['de'], competences: [`${PQ}/doctor-of-medicine`, `${PQ}/pharmacist`, `${PQ}/dental-practitioner`] },
  { id: 'DE-NIMIC', country: 'DE', level: 'national', city: 'Köln', name: 'Bundesverwaltungsamt, Nationaler IMI-Koordinator', nameEn: 'Federal Office of Administration, National IMI Coordinator', areas: ALL_AREAS, languages: ['de'] },
  { id: 'FR-ONI', country: 'FR', level: 'national', city: 'Paris', name: "Ordre national des infirmiers", nameEn: 'National Order of Nurses', areas: [PQ], languages: ['fr'], competences: [`${PQ}/general-care-nurse`] },
  { id: 'FR-CNOM', country: 'FR', level: 'national', city: 'Paris', name: 'Conseil national de l’Ordre des médecins', nameEn: 'National Council of the Order of Physicians', areas: [PQ], languages: ['fr'], competences: [`${PQ}/doctor-of-medicine`] },
  { id: 'FR-NIMIC', country: 'FR', level: 'national', city: 'Paris', name: 'Secrétariat général des affaires européennes, coordinateur IMI', nameEn: 'General Secretariat for European Affairs, IMI coordinator', areas: ALL_AREAS, languages: ['fr'] },
  { id: 'PT-OE', country: 'PT', level: 'national', city: 'Lisboa', name: 'Ordem dos Enfermeiros', nameEn: 'Order of Nurses', areas: [PQ], languages: ['pt'], competences: [`${PQ}/general-care-nurse`] },
  { id: 'PT-NIMIC', country: 'PT', level: 'national', city: 'Lisboa', name: 'Direção-Geral das Atividades Económicas, coordenador IMI', nameEn: 'Directorate-General for Economic Activities, IMI coordinator', areas: ALL_AREAS, languages: ['pt'] },
  { id: 'EE-TERVISEAMET', country: 'EE', level: 'national', city: 'Tallinn', name: 'Terviseamet', nameEn: 'Health Board', areas: [PQ], languages: ['et'], competences: [`${PQ}/doctor-of-medicine`, `${PQ}/general-care-nurse`, `${PQ}/midwife`] },
  { id: 'EE-NIMIC', country: 'EE', level: 'national', city: 'Tallinn', name: 'Majandus- ja Kommunikatsiooniministeerium, IMI koordinaator', nameEn: 'Ministry of Economic Affairs and Communications, IMI coordinator', areas: ALL_AREAS, languages: ['et'] },
  { id: 'EU-COM', country: 'EU', level: 'national', city: 'Bruxelles', name: 'Commission européenne, équipe IMI', nameEn: 'European Commission, IMI team', areas: ALL_AREAS, languages: ['en'] },
  { id: 'IT-MINSAL', country: 'IT', level: 'national', city: 'Roma', name: 'Ministero della Salute, Direzione generale delle professioni sanitarie', nameEn: 'Ministry of Health, Directorate-General for Health Professions', areas: [PQ], languages: ['it'], competences: [`${PQ}/doctor-of-medicine`, `${PQ}/general-care-nurse`, `${PQ}/pharmacist`] },
];

export const demoOfficials: NewOfficial[] = [
  { login: 'anna.schmidt', name: 'Anna Schmidt', authorityId: 'DE-LAEK-BW', roles: ['official'], language: 'de' },
  { login: 'jonas.weber', name: 'Jonas Weber', authorityId: 'DE-RP-STUTTGART', roles: ['official'], language: 'de' },
  { login: 'petra.koch', name: 'Petra Koch', authorityId: 'DE-NIMIC', roles: ['official', 'coordinator'], language: 'de' },
  { login: 'claire.martin', name: 'Claire Martin', authorityId: 'FR-ONI', roles: ['official'], language: 'fr' },
  { login: 'louis.bernard', name: 'Louis Bernard', authorityId: 'FR-CNOM', roles: ['official'], language: 'fr' },
  { login: 'sophie.durand', name: 'Sophie Durand', authorityId: 'FR-NIMIC', roles: ['official', 'coordinator'], language: 'fr' },
  { login: 'joao.silva', name: 'João Silva', authorityId: 'PT-OE', roles: ['official'], language: 'pt' },
  { login: 'ana.costa', name: 'Ana Costa', authorityId: 'PT-NIMIC', roles: ['official', 'coordinator'], language: 'pt' },
  { login: 'kadri.tamm', name: 'Kadri Tamm', authorityId: 'EE-TERVISEAMET', roles: ['official'], language: 'et' },
  { login: 'mart.kask', name: 'Mart Kask', authorityId: 'EE-NIMIC', roles: ['official', 'coordinator'], language: 'et' },
  { login: 'eva.lind', name: 'Eva Lind', authorityId: 'EU-COM', roles: ['official', 'policy-owner'], language: 'en' },
  { login: 'lena.berg', name: 'Lena Berg', authorityId: 'EU-COM', roles: ['official', 'imi-team'], language: 'en' },
  // France's coordinator for professional qualifications only (a LIMIC), beside its national one.
  { login: 'marc.petit', name: 'Marc Petit', authorityId: 'FR-NIMIC', roles: ['official', 'coordinator'], coordinatorAreas: [PQ], language: 'fr' },
  { login: 'giulia.rossi', name: 'Giulia Rossi', authorityId: 'IT-MINSAL', roles: ['official'], language: 'it' },
];

export async function seedDemo(db: Db): Promise<{ authorities: number; officials: number }> {
  await db.transaction(async (tx) => {
    await tx
      .insert(authorities)
      .values(demoAuthorities)
      .onConflictDoUpdate({
        target: authorities.id,
        set: {
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          city: sql`excluded.city`,
          areas: sql`excluded.areas`,
          languages: sql`excluded.languages`,
          competences: sql`excluded.competences`,
        },
      });
    await tx
      .insert(officials)
      .values(demoOfficials)
      .onConflictDoUpdate({
        target: officials.login,
        set: { name: sql`excluded.name`, roles: sql`excluded.roles`, coordinatorAreas: sql`excluded.coordinator_areas` },
      });
  });
  return { authorities: demoAuthorities.length, officials: demoOfficials.length };
}

/** The directory at IMI's scale, as db/generate-directory.ts makes it with its defaults (pure, under a second). */
export async function generateImiScaleDirectory(): Promise<GeneratedDirectory> {
  const [data, vocabulary, catalog] = await Promise.all([readDirectoryData(), readCompetences(), loadCatalog()]);
  return generateDirectory(data, vocabulary, { allAreas: [...catalog.areas.keys()] });
}

/**
 * The directory at IMI's scale for the demo, generated once: on a database with fewer authorities
 * than that, the generated ones are added (about a minute on two cores).
 */
export async function ensureImiScaleDirectory(db: Db, log: (line: string) => void): Promise<{ authorities: number; officials: number }> {
  const count = async () => {
    const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(authorities);
    const [o] = await db.select({ n: sql<number>`count(*)::int` }).from(officials);
    return { authorities: a.n, officials: o.n };
  };
  const before = await count();
  if (before.authorities >= 10_000) return before;
  log('generating the IMI-scale directory (13 000 authorities, 35 000 officials) once…');
  await insertDirectory(db, await generateImiScaleDirectory());
  return count();
}
