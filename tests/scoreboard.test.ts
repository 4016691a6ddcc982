/**
 * The five indicators on a dataset small enough to compute by hand, through the API, from events
 * recorded by the real recording activity; and the scoring rules on their boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryData } from '../db/generate-directory.js';
import { loadScoreboardRules, overallOf, scoreOf, type ScoreboardRules } from '../policy-areas/scoreboard.js';
import { apiClient, expectProblem } from './support/api-client.js';
import { authorityWithOfficial, replyBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { recordCase, recordRequest, type Official } from '../lib/scripted-case.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let de: Official, fr: Official, italy: Official;
let rules: ScoreboardRules;

const reply = { ...replyBody };
const T = 'T09:00:00.000Z';

beforeAll(async () => {
  h = await startHarness(undefined, { inProcessWorker: false });
  api = apiClient(h);
  const db = h.database.db;
  rules = await loadScoreboardRules();
  [de, fr, italy] = await Promise.all([authorityWithOfficial(db, 'DE', 'host'), authorityWithOfficial(db, 'FR', 'home'), authorityWithOfficial(db, 'IT', 'home')]);
  const base = { requester: de, responder: fr, replyBy: '2021-03-31' };
  // A: accepted on day 2, replied on day 10 (before the agreed 31 March), rated 5 and 4.
  await recordRequest(db, { ...base, start: `2021-03-01${T}`, steps: [
    { day: 2, action: 'accept', by: fr }, { day: 10, action: 'reply', by: fr, input: reply },
    { day: 12, action: 'close', by: de, input: { timeliness: 5, efforts: 4 } },
  ] });
  // B: the week lapses and the case goes to France's coordinator; accepted on day 9, replied on day 40 (late), rated 1 and 3.
  await recordRequest(db, { ...base, start: `2021-03-01${T}`, steps: [
    { day: 9, action: 'accept', by: fr }, { day: 40, action: 'reply', by: fr, input: reply },
    { day: 41, action: 'close', by: de, input: { timeliness: 1, efforts: 3 } },
  ] });
  // C: withdrawn on day 3, never accepted: not counted at all.
  await recordRequest(db, { ...base, start: `2021-04-01${T}`, replyBy: '2021-04-30', steps: [{ day: 3, action: 'withdraw', by: de }] });
  // D: accepted on day 1, withdrawn on day 3: accepted within the week; no reply expected.
  await recordRequest(db, { ...base, start: `2021-04-01${T}`, replyBy: '2021-04-30', steps: [
    { day: 1, action: 'accept', by: fr }, { day: 3, action: 'withdraw', by: de },
  ] });
  // E: accepted on day 5; France proposes 1 July, Germany agrees; replied 30 June (day 60); closed without survey.
  await recordRequest(db, { ...base, start: `2021-05-01${T}`, replyBy: '2021-05-20', steps: [
    { day: 5, action: 'accept', by: fr }, { day: 5, action: 'propose-reply-date', by: fr, input: { date: '2021-07-01' } },
    { day: 6, action: 'decide-reply-date', by: de, input: { agree: true } }, { day: 60, action: 'reply', by: fr, input: reply },
    { day: 61, action: 'close', by: de },
  ] });
  // F: sent in 2020: another year.
  await recordRequest(db, { ...base, start: `2020-12-30${T}`, replyBy: '2021-01-29', steps: [{ day: 1, action: 'accept', by: fr }] });
  // An alert from Germany to France and Italy, in 2021: an exchange, not a request.
  await recordCase(db, { procedure: 'pq-alert-restriction', parties: { initiator: [de], recipients: [fr, italy] }, start: `2021-02-01${T}`, steps: [] });
  // G, to Italy: accepted on day 1, replied on day 4, efforts rated 2 (negative), timeliness not rated.
  await recordRequest(db, { requester: de, responder: italy, start: `2021-06-01${T}`, replyBy: '2021-06-30', steps: [
    { day: 1, action: 'accept', by: italy }, { day: 4, action: 'reply', by: italy, input: reply }, { day: 5, action: 'close', by: de, input: { efforts: 2 } },
  ] });
}, 60_000);
afterAll(async () => h?.close());

const board = async (year: number) => {
  const res = await api.get(de.login, `/v1/scoreboard?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const country = (b: { countries: { country: string }[] }, c: string) => b.countries.find((x) => x.country === c) as any;

describe('GET /v1/scoreboard', () => {
  it('when a year of requests is recorded, then each indicator of the responding country is computed as by hand, with the figures behind it', async () => {
    const b = await board(2021);
    const f = country(b, 'FR');
    // 1: A, B, D and E count (C was withdrawn unaccepted within the week); A, D, E accepted within 7 days.
    expect(f.indicators.acceptance).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, score: 0 });
    // 2: A 10 days, B 40, E 60: 110 / 3.
    expect(f.indicators.answeringDays).toMatchObject({ denominator: 3, value: 36.7, score: -1 });
    expect(f.indicators.answeringDays.byArea).toEqual({ 'professional-qualifications': { value: 36.7, replies: 3 } });
    // 3: A and E (by the agreed 1 July) on time, B late; D withdrawn unanswered is left out.
    expect(f.indicators.agreedDate).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, score: 0 });
    // 4, 5: A and B answered the survey: timeliness 1 of 2 negative, efforts none.
    expect(f.indicators.timeliness).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, score: -1 });
    expect(f.indicators.efforts).toMatchObject({ numerator: 0, denominator: 2, value: 0, score: 1 });
    expect(f).toMatchObject({ total: -1, rating: 'average' });
  });

  it('when a country answered no survey, then those indicators have no value and the rating sums the others', async () => {
    const i = country(await board(2021), 'IT');
    expect(i.indicators.timeliness).toMatchObject({ value: null, score: null, denominator: 0 });
    expect(i.indicators.efforts).toMatchObject({ value: 1, score: -1 });
    expect(i).toMatchObject({ total: 2, rating: 'above-average' });
  });

  it('when a country received no request, then it is listed with no figures and no rating', async () => {
    const b = await board(2021);
    expect(b.countries).toHaveLength(30);
    const lu = country(b, 'LU');
    expect(lu).toMatchObject({ total: null, rating: null, indicators: { acceptance: { value: null, denominator: 0 } } });
    expect(b.ratings).toEqual({ 'above-average': 1, average: 1, 'below-average': 0, none: 28 });
  });

  it('when the year changes, then only the requests sent in that year count', async () => {
    const f = country(await board(2020), 'FR');
    expect(f.indicators.acceptance).toMatchObject({ numerator: 1, denominator: 1 });
    expect(f.indicators.answeringDays.denominator).toBe(0);
  });

  it('when the countries are listed, then they are the 30 countries of the directory, by the codes its authorities carry', async () => {
    const data = await readDirectoryData();
    expect((await board(2021)).countries.map((c: { country: string }) => c.country)).toEqual(data.countries.map((c) => c.code).sort());
  });

  it('when the EEA figures are read, then they pool every request rather than average the countries', async () => {
    const b = await board(2021);
    expect(b.eea.acceptance).toMatchObject({ numerator: 4, denominator: 5, value: 0.8 });
    expect(b.eea.answeringDays).toMatchObject({ denominator: 4, value: 28.5 });
  });

  it('when the scoreboard is asked for as CSV, then each country is one line with every figure', async () => {
    const res = await api.get(de.login, '/v1/scoreboard?year=2021&format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/^country,rating,total,acceptance_value,acceptance_score,acceptance_numerator,acceptance_denominator,/);
    expect(lines.find((l: string) => l.startsWith('FR,'))).toMatch(/^FR,average,-1,0.75,0,3,4,36.7,-1,/);
  });

  it('when the year is not a number or before IMI, then 400 and when not signed in, 401', async () => {
    expectProblem(await api.get(de.login, '/v1/scoreboard?year=twenty'), 400);
    expectProblem(await api.get(de.login, '/v1/scoreboard?year=1999'), 400);
    expectProblem(await api.get(null, '/v1/scoreboard?year=2021'), 401);
  });
});

describe('GET /v1/statistics/usage', () => {
  it('when exchanges of several kinds and years are recorded, then they are counted per area, kind and sending country, in JSON and CSV', async () => {
    const res = await api.get(de.login, '/v1/statistics/usage');
    expect(res.statusCode, res.body).toBe(200);
    const u = res.json();
    expect(u.years).toEqual([2020, 2021]);
    expect(u.byArea).toEqual([
      { year: 2020, area: 'professional-qualifications', exchanges: 1 },
      { year: 2021, area: 'professional-qualifications', exchanges: 7 },
    ]);
    expect(u.byKind).toEqual([
      { year: 2020, kind: 'request-reply', exchanges: 1 },
      { year: 2021, kind: 'alert', exchanges: 1 },
      { year: 2021, kind: 'request-reply', exchanges: 6 },
    ]);
    expect(u.requestsBySendingCountry).toEqual([
      { year: 2020, country: 'DE', requests: 1 },
      { year: 2021, country: 'DE', requests: 6 },
    ]);
    const csv = await api.get(de.login, '/v1/statistics/usage?format=csv&table=by-kind&from=2021');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe('year,kind,exchanges\r\n2021,alert,1\r\n2021,request-reply,6\r\n');
    expectProblem(await api.get(de.login, '/v1/statistics/usage?from=2022&to=2021'), 400, /must not be after/);
  });
});

describe('the scoring rules', () => {
  it('when a value sits on a threshold, then it gets the colour the reference gives that boundary', () => {
    expect([0.8, 0.7999, 0.6, 0.5999].map((v) => scoreOf(rules, 'acceptance', v))).toEqual([1, 0, 0, -1]);
    expect([15.9, 16, 25, 25.1].map((v) => scoreOf(rules, 'answeringDays', v))).toEqual([1, 0, 0, -1]);
    expect([0.0499, 0.05, 0.1499, 0.15].map((v) => scoreOf(rules, 'timeliness', v))).toEqual([1, 0, 0, -1]);
    expect(scoreOf(rules, 'efforts', null)).toBeNull();
  });

  it('when scores are summed, then 2 or more is above average, -2 or less below, and no data no rating', () => {
    expect(overallOf(rules, [1, 1, 0, 0, 0])).toEqual({ total: 2, rating: 'above-average' });
    expect(overallOf(rules, [1, 0, 0, 0, 0])).toEqual({ total: 1, rating: 'average' });
    expect(overallOf(rules, [-1, 0, 0, 0, 0])).toEqual({ total: -1, rating: 'average' });
    expect(overallOf(rules, [-1, -1, 1, -1, null])).toEqual({ total: -2, rating: 'below-average' });
    expect(overallOf(rules, [null, null, null, null, null])).toEqual({ total: null, rating: null });
  });

  it('when the thresholds file is broken, then loading it says what is wrong', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(await mkdtemp(join(tmpdir(), 'rules-')), 'scoreboard.json');
    await writeFile(file, JSON.stringify({ ...rules, indicators: { ...rules.indicators, acceptance: { green: { atLeast: 'high' } } } }));
    await expect(loadScoreboardRules(file)).rejects.toThrow(/indicators\/acceptance/);
  });
});
