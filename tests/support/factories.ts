/** Builders for test data. Every call makes fresh rows, so tests never share seed data. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { authorities, officials } from '../../db/schema/index.js';

const PQ = 'professional-qualifications';

/** A fresh authority with one official; `areas` are the legal areas it is competent for. */
export async function authorityWithOfficial(db: Db, country: string, label: string, roles: string[] = ['official'], areas: string[] = [PQ]) {
  const suffix = randomUUID().slice(0, 8);
  const id = `${country}-${label}-${suffix}`.toUpperCase();
  const login = `${label}.${suffix}`.toLowerCase();
  await db.insert(authorities).values({ id, country, name: `${label} authority ${suffix}`, level: 'national', areas });
  await db.insert(officials).values({ login, name: `${label} ${suffix}`, authorityId: id, roles });
  return { authorityId: id, login, country };
}

/** The cast of a cross-border case: a German requester, French responders and coordinator, an Italian outsider. */
export async function createParties(db: Db) {
  return {
    requester: await authorityWithOfficial(db, 'DE', 'requester'),
    responder: await authorityWithOfficial(db, 'FR', 'responder'),
    otherResponder: await authorityWithOfficial(db, 'FR', 'other'),
    coordinator: await authorityWithOfficial(db, 'FR', 'coordinator', ['official', 'coordinator']),
    outsider: await authorityWithOfficial(db, 'IT', 'outsider'),
  };
}
export type Parties = Awaited<ReturnType<typeof createParties>>;

export const isoDate = (daysFromNow: number, from = Date.now()) =>
  new Date(from + daysFromNow * 86_400_000).toISOString().slice(0, 10);

export function requestBody(responderAuthorityId: string, overrides: Record<string, unknown> = {}) {
  return {
    procedure: 'pq-information-request',
    parties: { responder: [responderAuthorityId] },
    replyBy: isoDate(30),
    message: 'Please confirm the diploma and any sanctions.',
    answers: {
      'professional-name': 'Maria Muster',
      'date-of-birth': '1985-04-12',
      profession: 'general-nurse',
      'qualification-title': 'Diplôme d’État d’infirmier',
      'questions-asked': ['authenticity', 'disciplinary-sanctions'],
    },
    ...overrides,
  };
}

export const replyBody = {
  answers: { 'qualification-authentic': true, sanctions: false },
  message: 'The diploma is authentic; no sanctions recorded.',
};
