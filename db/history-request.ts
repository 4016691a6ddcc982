/**
 * The request script of the history generator: how a request between two authorities goes, with
 * the responding country's habits (db/history-profiles.ts). The responder accepts (mostly within
 * days, some countries often late, when the week's lapse escalates the case to their coordinator),
 * may forward it, may propose a later reply date (mostly agreed), may ask for more information,
 * replies after a lognormal delay around its country's median (sometimes after the agreed date);
 * the requester withdraws ~3 % of requests, closes the others, answers the survey on 30–50 % of
 * closures, rarely reopens. The walk's `finish` then lets the reopen window archive the case.
 */
import { DAY_MS } from '../policy-areas/calendar.js';
import { replyDeadline } from '../workflows/case-machine.js';
import type { CountryProfile } from './history-profiles.js';
import { isoDay, lognormal, officeHours, type Sim } from './history-sim.js';
import { finish } from './history-walk.js';

/** Whether a procedure is played by this script: an acceptance, a reply and a closure. */
export const isRequest = (sim: Sim) =>
  ['accept', 'reply', 'close'].every((a) => a in sim.def.actions) && ['requester', 'responder'].every((r) => r in sim.def.roles);

const between = (sim: Sim, lo: number, hi: number) => lo + sim.rnd.next() * (hi - lo);

/** A survey answer (1–5 each), negative more often when the reply came late. */
function survey(sim: Sim, responder: CountryProfile, late: boolean) {
  const negative = (share: number) => sim.rnd.next() < share * (late ? 2 : 0.7);
  const score = (neg: boolean) => (neg ? 1 + Math.floor(sim.rnd.next() * 2) : sim.rnd.weighted([3, 4, 5], (v) => (v === 3 ? 1 : v === 4 ? 3 : 4)));
  const slow = negative(responder.negativeShare);
  return { timeliness: score(slow), efforts: score(slow ? sim.rnd.next() < 0.6 : negative(responder.negativeShare * 0.5)) };
}

export function playRequest(sim: Sim, responder: CountryProfile, requester: CountryProfile): void {
  const t0 = sim.now;
  const day = (d: number) => officeHours(sim.rnd, t0 + d * DAY_MS);
  const fate = sim.rnd.next();
  // ~1 % withdrawn in the first week, before anyone accepted; ~2 % later, before the reply.
  if (fate < 0.01) {
    sim.act('withdraw', 'requester', {}, day(between(sim, 0.1, 6)));
    return finish(sim);
  }
  const inWeek = sim.rnd.next() < responder.acceptWithinWeek;
  let acceptAt = inWeek ? Math.min(6.5, lognormal(sim.rnd, 1.2, 0.9)) : 7.2 + lognormal(sim.rnd, 6, 0.8);
  if (sim.rnd.next() < 0.04) {
    // The wrong authority of the country got it and passes it on the same day or the next.
    sim.act('forward', 'responder', sim.effectInput('forward') ?? {}, day(acceptAt * 0.5));
  } else if (!inWeek && sim.rnd.next() < 0.3) {
    // The lapsed week escalated the case; the coordinator finds the competent authority.
    sim.act('forward', 'coordinator', sim.effectInput('forward') ?? {}, day(8 + between(sim, 0, 3)));
    acceptAt = Math.max(acceptAt, 9 + between(sim, 0, 4));
  }
  sim.act('accept', 'responder', {}, day(acceptAt));
  const acceptedAt = sim.now;

  let replyAt = Math.max(t0 + lognormal(sim.rnd, responder.replyMedianDays, 0.75) * DAY_MS, acceptedAt + 0.1 * DAY_MS);
  if (sim.rnd.next() < 0.07) {
    sim.act('request-information', 'responder', {}, officeHours(sim.rnd, acceptedAt + between(sim, 0.5, 3) * DAY_MS));
    sim.act('provide-information', 'requester', {}, officeHours(sim.rnd, sim.now + lognormal(sim.rnd, 3, 0.7) * DAY_MS));
    replyAt = Math.max(replyAt, sim.now + lognormal(sim.rnd, 3, 0.7) * DAY_MS);
  }
  // A responder that sees it will be late often asks for a later date, before the date passes.
  const agreed = sim.m.state.agreedReplyBy;
  if (agreed && replyAt > replyDeadline(agreed) - DAY_MS && sim.rnd.next() < 0.45) {
    const proposeAt = officeHours(sim.rnd, Math.min(replyDeadline(agreed) - 2 * DAY_MS, sim.now + between(sim, 0.2, 4) * DAY_MS));
    if (sim.act('propose-reply-date', 'responder', { date: isoDay(replyAt + between(sim, 1, 5) * DAY_MS) }, proposeAt)) {
      sim.act('decide-reply-date', 'requester', { agree: sim.rnd.next() < 0.8 }, officeHours(sim.rnd, sim.now + between(sim, 0.1, 2) * DAY_MS));
    }
  }
  if (fate < 0.03) {
    sim.act('withdraw', 'requester', {}, officeHours(sim.rnd, sim.now + (replyAt - sim.now) * sim.rnd.next()));
    return finish(sim);
  }
  sim.act('reply', 'responder', {}, officeHours(sim.rnd, replyAt));
  const repliedAt = sim.now;
  const due = sim.m.state.agreedReplyBy;
  const late = due !== null && repliedAt > replyDeadline(due);
  const rated = sim.rnd.next() < requester.surveyRate;
  sim.act('close', 'requester', rated ? survey(sim, responder, late) : {}, officeHours(sim.rnd, repliedAt + lognormal(sim.rnd, 3, 1) * DAY_MS));
  if (sim.rnd.next() < 0.015) {
    // A follow-up question months later; answered within days, closed again without a survey.
    const reopenAt = officeHours(sim.rnd, sim.now + between(sim, 5, 120) * DAY_MS);
    sim.act('reopen', 'requester', sim.effectInput('reopen', reopenAt) ?? {}, reopenAt);
    sim.act('reply', 'responder', {}, officeHours(sim.rnd, sim.now + lognormal(sim.rnd, 5, 0.6) * DAY_MS));
    sim.act('close', 'requester', {}, officeHours(sim.rnd, sim.now + lognormal(sim.rnd, 2, 0.8) * DAY_MS));
  }
  finish(sim);
}
