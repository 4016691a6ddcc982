/**
 * How much IMI activity the history generator makes, where, and how well each country performs.
 *
 * Yearly totals are calibrated on the published figures (shared/reference/imi.md §6.1): almost
 * 34 000 requests sent in 2017, about 82 000 exchanges in 2021 and 107 291 in 2022, more than
 * 100 000 exchanges since 2008 by December 2017, "almost 300 000" in the 2020 scoreboard, more
 * than 485 000 at the end of 2022, more than 597 550 at the end of 2023. Everything below the yearly
 * totals is SYNTHETIC: the Commission publishes no split by legal area, procedure or country, so
 * the shares here are plausible guesses (PQ requests the most frequent type, then posting of
 * workers and services; big countries send and receive more; host countries of mobile workers
 * send more requests and their countries of origin receive more), and the per-country
 * performance is drawn from the seed, not taken from any published scoreboard.
 */
import { random } from './generate-directory.js';

/**
 * Exchanges sent per year (all procedures). 2017 holds the ~34 000 requests (the rest are alerts,
 * notifications, applications); 2018–2020 are interpolated so that, with about 66 000 before 2016,
 * the total passes 100 000 in 2017, nears 300 000 at the end of 2020 and 485 000 at the end of 2022.
 */
export const YEAR_TOTALS: Record<number, number> = {
  2016: 32_000,
  2017: 42_000,
  2018: 45_000,
  2019: 52_000,
  2020: 62_000,
  2021: 82_000,
  2022: 107_000,
  2023: 112_000,
};

/** Synthetic share of each legal area in a year's exchanges, from the day it joined IMI. */
export const AREA_SHARES: { area: string; share: number; from: string; mobility?: true }[] = [
  { area: 'professional-qualifications', share: 0.4, from: '2008-01-01', mobility: true },
  { area: 'posting-of-workers', share: 0.2, from: '2011-01-01', mobility: true },
  { area: 'services', share: 0.08, from: '2009-12-28', mobility: true },
  { area: 'gdpr', share: 0.09, from: '2018-05-25' },
  { area: 'european-professional-card', share: 0.035, from: '2016-01-18', mobility: true },
  { area: 'solvit', share: 0.04, from: '2013-01-01' },
  { area: 'public-documents', share: 0.03, from: '2019-02-16' },
  { area: 'consumer-protection-cooperation', share: 0.025, from: '2020-01-17' },
  { area: 'firearms', share: 0.02, from: '2019-09-14' },
  { area: 'patients-rights', share: 0.015, from: '2013-10-25', mobility: true },
  { area: 'ejn-civil', share: 0.006, from: '2020-07-01' },
  { area: 'cultural-objects', share: 0.006, from: '2016-01-01' },
  { area: 'e-commerce', share: 0.005, from: '2013-01-01' },
  { area: 'non-road-mobile-machinery', share: 0.004, from: '2017-01-01' },
  { area: 'train-driving-licences', share: 0.004, from: '2013-01-01' },
  { area: 'public-procurement', share: 0.004, from: '2016-04-18' },
  { area: 'euro-cash-transport', share: 0.003, from: '2012-01-01' },
];

/**
 * Synthetic weights of procedures within their area. A procedure not listed weighs by its kind
 * (KIND_WEIGHTS, a tenth of a listed request's scale), so in the areas listed here the rest stay rare.
 */
export const PROCEDURE_WEIGHTS: Record<string, number> = {
  'pq-information-request': 0.8,
  'pq-alert-restriction': 0.1,
  'pq-alert-falsified-qualifications': 0.04,
  'pq-partial-access': 0.04,
  'pq-annex-v-title-notification': 0.02,
  'pw-information-request': 0.5,
  'pw-send-documents': 0.17,
  'pw-penalty-notification': 0.17,
  'pw-spontaneous-information': 0.06,
  'pw-penalty-recovery': 0.05,
  'pw-inspection-request': 0.05,
  'sd-information-request': 0.85,
  'sd-notification-establishment-requirements': 0.06,
  'sd-notification-cross-border-requirements': 0.05,
  'sd-alert-serious-damage': 0.02,
  'sd-case-by-case-derogation': 0.02,
  'epc-temporary-services': 0.45,
  'epc-establishment': 0.3,
  'epc-temporary-public-health': 0.15,
  'epc-extension': 0.07,
  'epc-file-update': 0.03,
  'gdpr-mutual-assistance-request': 0.2,
  'gdpr-voluntary-mutual-assistance': 0.2,
  'gdpr-lead-authority-identification': 0.2,
  'gdpr-draft-decision': 0.12,
  'gdpr-final-decision-notification': 0.12,
};
export const KIND_WEIGHTS: Record<string, number> = { 'request-reply': 0.1, application: 0.1, notification: 0.05, alert: 0.04, case: 0.03 };

/** Above 1: a host country of mobile professionals and posted workers (sends more requests); below 1: a country of origin. */
export const MOBILITY: Record<string, number> = {
  DE: 1.6, AT: 1.4, BE: 1.4, NL: 1.3, LU: 1.5, NO: 1.5, FR: 1.2, DK: 1.2, SE: 1.2, IE: 1.2, LI: 1.2, FI: 1, IS: 1, MT: 1,
  IT: 0.9, CZ: 0.9, CY: 0.9, ES: 0.8, SI: 0.8, EE: 0.8, HU: 0.7, GR: 0.7, PT: 0.6, PL: 0.6, BG: 0.6, SK: 0.6, HR: 0.6, LT: 0.6, LV: 0.6, RO: 0.5,
};

/** How a country's authorities behave as responders (and, for the survey, as requesters). */
export interface CountryProfile {
  /** Share of requests accepted within the week. */
  acceptWithinWeek: number;
  /** Median days from receipt to reply (replies are lognormal around it). */
  replyMedianDays: number;
  /** Share of survey answers about this country's replies that are negative (1 or 2 of 5). */
  negativeShare: number;
  /** Share of its own closures where it answers the voluntary survey. */
  surveyRate: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * One profile per country, drawn from the seed: each country gets a place on a scale from best to
 * worst (evenly spread, so every seed has green, yellow and red countries), each indicator a little
 * noise around it. Performance improves slowly over the years, as the 2021 scoreboard reports.
 */
export function countryProfiles(seed: number, countries: string[]): (country: string, year: number) => CountryProfile {
  const rnd = random(seed ^ 0x5eed);
  const order = [...countries].sort().map((c) => ({ c, k: rnd.next() })).sort((a, b) => a.k - b.k);
  const base = new Map<string, CountryProfile>();
  order.forEach(({ c }, i) => {
    const q = (i + 0.5) / order.length; // 0 best … 1 worst
    const near = () => clamp(q + (rnd.next() - 0.5) * 0.3, 0, 1);
    base.set(c, {
      acceptWithinWeek: 0.97 - 0.5 * near() ** 1.3,
      replyMedianDays: 6 * (32 / 6) ** near(),
      negativeShare: 0.01 * 25 ** near(),
      surveyRate: 0.3 + 0.2 * rnd.next(),
    });
  });
  // The Commission (a responder in some procedures) behaves like an average country.
  const average: CountryProfile = { acceptWithinWeek: 0.85, replyMedianDays: 14, negativeShare: 0.05, surveyRate: 0.4 };
  return (country, year) => {
    const p = base.get(country) ?? average;
    const better = clamp((year - 2016) * 0.03, 0, 0.25);
    return {
      acceptWithinWeek: clamp(p.acceptWithinWeek + better * (1 - p.acceptWithinWeek), 0, 0.99),
      replyMedianDays: p.replyMedianDays * (1 - better),
      negativeShare: p.negativeShare * (1 - better),
      surveyRate: p.surveyRate,
    };
  };
}
