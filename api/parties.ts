/**
 * Who takes part in a case, resolved from the request and the directory before the workflow starts:
 * the workflow only ever sees authority ids and countries.
 */
import type { Db } from '../db/client.js';
import { competentAuthorities, findAuthorities, type OfficialWithAuthority } from '../db/queries.js';
import type { Authority } from '../db/schema/index.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { FormProblem } from '../policy-areas/types.js';
import type { Party } from '../workflows/contract.js';

/** The Commission's services are registered in the directory under this pseudo-country. */
export const COMMISSION_COUNTRY = 'EU';

const asParty = (a: Authority): Party => ({ authorityId: a.id, country: a.country, ...(a.languages[0] ? { language: a.languages[0] } : {}) });

export interface PartyRequest {
  parties?: Record<string, string[]>;
  recipientCountries?: string[];
}

/** Authorities named by id and by country, each checked against the directory and the legal area. */
async function lookUp(db: Db, area: string, ids: string[], countries: string[] | undefined, path: string, problems: FormProblem[]) {
  const found = await findAuthorities(db, ids);
  const out: Authority[] = [];
  ids.forEach((id, i) => {
    const a = found.get(id);
    if (!a) problems.push({ path: `${path}/${i}`, message: `${id} is not a registered authority` });
    else if (!a.areas.includes(area)) problems.push({ path: `${path}/${i}`, message: `${id} is not competent for ${area}` });
    else out.push(a);
  });
  if (countries?.length) {
    const byCountry = await competentAuthorities(db, area, countries);
    for (const c of countries) {
      if (!byCountry.some((a) => a.country === c)) problems.push({ path: 'body.recipientCountries', message: `no authority of ${c} is competent for ${area}` });
    }
    out.push(...byCountry.filter((a) => !out.some((o) => o.id === a.id)));
  }
  return out;
}

export async function resolveStartParties(
  db: Db,
  d: ProcedureV2,
  caller: OfficialWithAuthority,
  body: PartyRequest,
  problems: FormProblem[],
): Promise<Record<string, Party[]>> {
  const given = body.parties ?? {};
  const parties: Record<string, Party[]> = {};
  for (const role of Object.keys(given)) {
    if (!d.roles[role]) problems.push({ path: `body.parties.${role}`, message: `${d.id} has no role ${role} (roles: ${Object.keys(d.roles).join(', ')})` });
  }
  const recipientsRole = Object.keys(d.roles).find((r) => d.roles[r].party === 'recipients');
  if (body.recipientCountries && !recipientsRole) problems.push({ path: 'body.recipientCountries', message: `${d.id} has no recipients` });
  for (const [role, r] of Object.entries(d.roles)) {
    const path = `body.parties.${role}`;
    const ids = given[role] ?? [];
    if (role === d.start.by) {
      if (ids.length) problems.push({ path, message: 'is the caller’s authority, not given' });
      parties[role] = [asParty(caller.authority)];
      continue;
    }
    if (r.party === 'coordinator') {
      if (ids.length) problems.push({ path, message: 'coordinators join a case when a deadline escalates it' });
      continue;
    }
    if (r.party === 'commission' && ids.length === 0) {
      const services = await competentAuthorities(db, d.area, [COMMISSION_COUNTRY]);
      if (services.length === 0) problems.push({ path, message: `no Commission service is registered for ${d.area}` });
      parties[role] = services.map(asParty);
      continue;
    }
    const found = await lookUp(db, d.area, ids, role === recipientsRole ? body.recipientCountries : undefined, path, problems);
    if (r.party === 'recipients') {
      const own = found.filter((a) => a.country === caller.authority.country);
      if (own.length) problems.push({ path, message: `recipients are authorities of other countries (${own.map((a) => a.id).join(', ')} is not)` });
      // Unless the procedure adds them later (e.g. once the Commission confirms a notification).
      const addedLater = Object.values(d.actions).some((a) => a.effect === 'add-recipients');
      if (found.length === 0 && !addedLater && !problems.some((p) => p.path.startsWith(path))) problems.push({ path, message: 'at least one recipient is required' });
    } else if (ids.length !== 1) {
      problems.push({ path, message: `exactly one authority is required for the ${role}` });
    } else if (r.party === 'counterpart' && found[0]?.country === caller.authority.country) {
      problems.push({ path, message: 'must be an authority in another country' });
    }
    parties[role] = found.map(asParty);
  }
  return parties;
}

/** For add-recipients: the authorities to add. */
export async function resolveRecipients(db: Db, d: ProcedureV2, body: PartyRequest & { recipients?: string[] }, problems: FormProblem[]) {
  const found = await lookUp(db, d.area, body.recipients ?? [], body.recipientCountries, 'body.recipients', problems);
  return found.map(asParty);
}
