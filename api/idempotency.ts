/** Deriving a case's identity from an Idempotency-Key, and fingerprinting the creating request. */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor, Role } from '../workflows/contract.js';
import type { OfficialWithAuthority } from '../db/queries.js';

/** Same official + same key = same case id, so a retried POST can never open a second case. */
export function caseIdFor(login: string, key: string | undefined): string {
  if (!key) return randomUUID();
  const h = createHash('sha256').update(`liaison-case\n${login}\n${key}`).digest('hex');
  // Laid out as a version-4-shaped UUID so it fits the uuid column and the route's format check.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A hash of the request body that ignores key order, to tell a replay from a reused key. */
export function requestHash(body: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]))
        : v;
  return createHash('sha256').update(JSON.stringify(sorted(body))).digest('hex');
}

/** Who acts, as the workflow needs to know it: from the caller's token and the directory. */
export function actorOf(o: OfficialWithAuthority): Actor {
  const language = o.language ?? o.authority.languages[0];
  return { login: o.login, authorityId: o.authorityId, country: o.authority.country, roles: o.roles as Role[], ...(language ? { language } : {}) };
}
