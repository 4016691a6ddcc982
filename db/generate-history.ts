/**
 * A seeded, repeatable history of IMI activity: years of exchanges between the authorities of the
 * generated directory, each played through the real Interpreter by simulated officials, so its
 * events are those a workflow would have recorded, deadlines included. Every case ends in a final
 * state (it has no workflow to carry it on) and is recorded under the workflow type
 * 'imported-history'. Pure: no I/O, no clock; db/load-history.ts writes it to PostgreSQL.
 *
 * Case n of year y is the same for one seed whatever else is asked (other years, another scale):
 * its id and its random sequence both derive from (seed, y, n).
 */
import { createHash } from 'node:crypto';
import { rowOfRecord } from '../activities/record-case.js';
import { DAY_MS } from '../policy-areas/calendar.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { answersFor, type AnswerPicker } from '../policy-areas/sample-answers.js';
import type { CaseEvent, Party } from '../workflows/contract.js';
import { random } from './generate-directory.js';
import { DirectoryIndex, type Commission, type HistoryDirectory } from './history-cast.js';
import { AREA_SHARES, countryProfiles, KIND_WEIGHTS, PROCEDURE_WEIGHTS, YEAR_TOTALS } from './history-profiles.js';
import { playRequest, isRequest } from './history-request.js';
import { isoDay, Sim, type Rnd } from './history-sim.js';
import { walk } from './history-walk.js';
import { IMPORTED_HISTORY, type cases } from './schema/index.js';

export type { HistoryDirectory } from './history-cast.js';
export { IMPORTED_HISTORY };
/** What `npm start` and `npm run history:generate` load by default: 422 000 exchanges. */
export const HISTORY_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
/** Any number will do; this one is the year IMI went live. */
export const HISTORY_SEED = 2008;

export interface HistoryOptions {
  seed: number;
  years: number[];
  /** A fraction of the yearly volumes (tests use a small one); 1 is IMI's. */
  scale?: number;
  commission?: Commission;
}

export interface HistorySlot {
  year: number;
  index: number;
  caseId: string;
}

export interface GeneratedExchange {
  row: typeof cases.$inferInsert;
  events: CaseEvent[];
}

export function yearVolume(year: number, scale = 1): number {
  const total = YEAR_TOTALS[year];
  if (total === undefined) throw new Error(`no volume is known for ${year} (years ${Object.keys(YEAR_TOTALS).join(', ')})`);
  return Math.round(total * scale);
}

/** How many exchanges the options ask for. */
export const historySize = ({ years, scale = 1 }: { years: number[]; scale?: number }) =>
  years.reduce((n, y) => n + yearVolume(y, scale), 0);

const digest = (seed: number, year: number, index: number) => createHash('sha256').update(`liaison-history:${seed}:${year}:${index}`).digest();

/**
 * A version-8 UUID (RFC 9562, custom layout): the year and the case's number first, so a year's
 * cases sit together in every index they go into (loading them appends rather than scatters),
 * then bits of the seed's digest, so two seeds give two histories.
 */
function uuidOf(year: number, index: number, h: Buffer): string {
  const b = Buffer.from(h.subarray(0, 16));
  b.writeUInt16BE(year, 0);
  b.writeUInt32BE(index, 2);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Every case the options ask for, by year, with its id (no simulation: the loader skips those it has). */
export function* historySlots({ seed, years, scale = 1 }: HistoryOptions): Generator<HistorySlot> {
  for (const year of years) {
    for (let index = 0, n = yearVolume(year, scale); index < n; index++) yield { year, index, caseId: uuidOf(year, index, digest(seed, year, index)) };
  }
}

/** A working day, fewer in August and at Christmas, in office hours (07:00–16:00 UTC). */
function sentAt(rnd: Rnd, year: number): number {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  for (;;) {
    const d = new Date(start + Math.floor(rnd.next() * days) * DAY_MS);
    const weekday = d.getUTCDay() % 6 === 0 ? 0.03 : 1;
    const season = d.getUTCMonth() === 7 ? 0.65 : d.getUTCMonth() === 11 && d.getUTCDate() > 20 ? 0.4 : 1;
    if (rnd.next() < weekday * season) return d.getTime() + (7 + rnd.next() * 9) * 3_600_000;
  }
}

/** Varied but valid answers: the forms' options, plausible dates, short texts marked as synthetic. */
const picker =
  (rnd: Rnd): AnswerPicker =>
  (q) => {
    const codes = (q.options ?? []).map((o) => o.code);
    switch (q.type) {
      case 'yes-no':
        return rnd.next() < 0.8;
      case 'choice':
        return rnd.pick(codes);
      case 'multiple-choice': {
        const some = codes.filter(() => rnd.next() < 0.4);
        return some.length ? some : [rnd.pick(codes)];
      }
      case 'date':
        return isoDay(Date.UTC(1950, 0, 1) + rnd.next() * 65 * 365 * DAY_MS);
      case 'number':
        return 1 + Math.floor(rnd.next() * 500);
      case 'document':
        return `doc-${Math.floor(rnd.next() * 1e9).toString(36)}`;
      default:
        return 'Synthetic history entry'.slice(0, q.maxLength ?? 4000);
    }
  };

/**
 * The simulation of one case at a time (the loader asks only for those it lacks). Procedures the
 * directory cannot stage (an area held by fewer than two countries, a Commission role without the
 * Commission's entry) are left out of the draw.
 */
export function historyGenerator(procedures: Iterable<ProcedureV2>, directory: HistoryDirectory, options: HistoryOptions) {
  const index = new DirectoryIndex(directory, options.commission);
  const staged = [...procedures].filter((d) => index.canStage(d));
  const byArea = new Map<string, ProcedureV2[]>();
  for (const d of staged) byArea.set(d.area, [...(byArea.get(d.area) ?? []), d]);
  const areas = AREA_SHARES.filter((a) => byArea.has(a.area));
  const profile = countryProfiles(options.seed, [...new Set(directory.authorities.map((a) => a.country))]);

  function partiesOf(rnd: Rnd, d: ProcedureV2): Record<string, Party[]> {
    const from = index.country(rnd, d.area, 'send');
    const to = index.country(rnd, d.area, 'receive', from);
    const starter = index.authority(rnd, from, d.area)!;
    const addedLater = Object.values(d.actions).some((a) => a.effect === 'add-recipients');
    const parties: Record<string, Party[]> = {};
    for (const [role, r] of Object.entries(d.roles)) {
      if (role === d.start.by) parties[role] = [starter];
      // The EDPB (GDPR's "board") has no entry of its own: the Commission's stands in for its secretariat.
      else if (r.party === 'commission' || role === 'board') parties[role] = [index.commissionParty()];
      else if (r.party === 'counterpart') parties[role] = [index.authority(rnd, to, d.area)!];
      else if (r.party === 'authority') parties[role] = [index.authority(rnd, d.area === 'european-professional-card' ? from : to, d.area, starter.authorityId) ?? starter];
      else if (r.party === 'recipients') {
        const all = d.kind === 'alert' || role === 'readers';
        parties[role] = addedLater ? [] : index.cast(rnd).recipients(d.area, [from, to], all ? 99 : 1 + Math.floor(rnd.next() * 5));
      }
    }
    return parties;
  }

  return function simulate(slot: HistorySlot): GeneratedExchange {
    const h = digest(options.seed, slot.year, slot.index);
    const rnd = random(h.readUInt32BE(16));
    const start = sentAt(rnd, slot.year);
    const area = rnd.weighted(
      areas.filter((a) => Date.parse(a.from) <= start),
      (a) => a.share,
    ).area;
    const d = rnd.weighted(byArea.get(area)!, (p) => PROCEDURE_WEIGHTS[p.id] ?? KIND_WEIGHTS[p.kind]);
    const parties = partiesOf(rnd, d);
    const cast = index.cast(rnd);
    const starter = parties[d.start.by][0];
    const pick = picker(rnd);
    const asks = d.start.replyDate === 'required' || (d.start.replyDate === 'optional' && rnd.next() < 0.7);
    const input = {
      caseId: slot.caseId,
      procedure: d,
      parties,
      startedBy: { login: cast.official(starter.authorityId), authorityId: starter.authorityId, country: starter.country, roles: ['official' as const] },
      answers: answersFor(d.start.form ? d.forms[d.start.form] : undefined, {}, pick),
      message: rnd.next() < 0.5 ? 'Please see the details in the form.' : undefined,
      // Requesters mostly ask for a reply in two to five weeks.
      replyBy: asks ? isoDay(start + (14 + Math.floor(rnd.next() * 4) * 7 + Math.floor(rnd.next() * 3)) * DAY_MS) : undefined,
    };
    const sim = new Sim(d, input, start, cast, rnd, pick);
    if (isRequest(sim)) {
      playRequest(sim, profile(parties.responder[0].country, slot.year), profile(starter.country, slot.year));
    } else walk(sim);
    // The request hash records which seed made the case.
    return { row: rowOfRecord(sim.m.record(), IMPORTED_HISTORY, `history:${options.seed}`), events: sim.events };
  };
}

/** The whole history, case by case (the loader batches it; tests take it as it comes). */
export function* generateHistory(procedures: Iterable<ProcedureV2>, directory: HistoryDirectory, options: HistoryOptions): Generator<GeneratedExchange> {
  const simulate = historyGenerator(procedures, directory, options);
  for (const slot of historySlots(options)) yield simulate(slot);
}
