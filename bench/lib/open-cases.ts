/**
 * Open information requests as they stand on a given day, for the overdue list's benchmark: started
 * over the last weeks, some accepted, some replied, the week or the agreed date lapsed on others.
 * Written through the real recording activity (lib/scripted-case.ts), as workflows record them.
 */
import type { Db } from '../../db/client.js';
import { random, type GeneratedDirectory } from '../../db/generate-directory.js';
import { recordRequest, type Official, type Step } from '../../lib/scripted-case.js';

const DAY = 86_400_000;
const PROCEDURES = [
  { id: 'pq-information-request', area: 'professional-qualifications' },
  { id: 'sd-information-request', area: 'services' },
];

export function openCaseCast(directory: GeneratedDirectory) {
  const officialOf = new Map<string, string>();
  for (const o of directory.officials) if (!officialOf.has(o.authorityId)) officialOf.set(o.authorityId, o.login);
  return PROCEDURES.map((p) => ({
    ...p,
    officials: directory.authorities
      .filter((a) => a.areas?.includes(p.area) && officialOf.has(a.id!))
      .map((a): Official => ({ login: officialOf.get(a.id!)!, authorityId: a.id!, country: a.country })),
  }));
}

/** Records `count` open requests as of `now`, `concurrency` at a time; returns their ids. */
export async function recordOpenCases(db: Db, directory: GeneratedDirectory, now: number, count: number, seed: number, concurrency = 4) {
  const cast = openCaseCast(directory);
  const { next: rnd, pick } = random(seed);
  const plans = Array.from({ length: count }, () => {
    const p = pick(cast);
    const requester = pick(p.officials);
    let responder = pick(p.officials);
    while (responder.country === requester.country) responder = pick(p.officials);
    const age = rnd() * 45; // days since it was sent
    const start = now - age * DAY;
    const replyBy = new Date(start + (14 + Math.floor(rnd() * 30)) * DAY).toISOString().slice(0, 10);
    const steps: Step[] = [];
    const acceptDay = rnd() * 10;
    if (rnd() < 0.8 && acceptDay < age) steps.push({ day: acceptDay, action: 'accept', by: responder });
    return { procedure: p.id, requester, responder, start: new Date(start).toISOString(), replyBy, steps, untilDay: age };
  });
  let next = 0;
  const worker = async () => {
    while (next < plans.length) await recordRequest(db, plans[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return plans.length;
}
