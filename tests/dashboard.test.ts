/**
 * The supervisors' dashboard in a real browser: the API listening on a port, Debian's Chromium
 * logging in through the login page, and a screenshot whose pixels must show each country in the
 * colour of its rating. The data: requests of 2021 recorded as the workflow records them, chosen
 * so that Germany rates above average, Italy average, France below average and Poland has none;
 * and a request from Portugal whose acceptance week has lapsed.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../lib/ports.js';
import { recordRequest, type Official } from '../lib/scripted-case.js';
import { centreOf, colourDistance, launchChromium, screenshot, type Rgb } from './support/browser.js';
import { authorityWithOfficial, replyBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let base: string;
let browser: Browser;
let pt: Official;
/** The map the page draws: its viewBox and, per country, a point well inside it. */
let eeaMap: { viewBox: number[]; countries: Record<string, { label: [number, number] }> };
const DAY = 86_400_000;

/** Requests of 2021 from Portugal to `responder`, all handled alike. */
async function requestsTo(responder: Official, acceptDay: number, replyDay: number, rating: number) {
  for (const start of ['2021-03-01', '2021-03-02']) {
    await recordRequest(h.database.db, {
      requester: pt, responder, start: `${start}T09:00:00.000Z`, replyBy: '2021-03-31',
      steps: [
        { day: acceptDay, action: 'accept', by: responder },
        { day: replyDay, action: 'reply', by: responder, input: replyBody },
        { day: replyDay + 1, action: 'close', by: pt, input: { timeliness: rating, efforts: rating } },
      ],
      // Past the reopening window, so the case is archived as it would be by now.
      untilDay: replyDay + 200,
    });
  }
}

/** A request from Portugal that Spain has not accepted within its week: overdue now. */
const overdueRequest = async () =>
  recordRequest(h.database.db, {
    requester: pt, responder: await authorityWithOfficial(h.database.db, 'ES', 'slow'),
    start: new Date(Date.now() - 10 * DAY).toISOString(), replyBy: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
    steps: [], untilDay: 9.9,
  });

beforeAll(async () => {
  h = await startHarness(undefined, { inProcessWorker: false });
  const db = h.database.db;
  eeaMap = JSON.parse(await readFile(new URL('../api/dashboard/eea-map.json', import.meta.url), 'utf8'));
  pt = await authorityWithOfficial(db, 'PT', 'supervisor');
  const [de, it, fr] = await Promise.all(['DE', 'IT', 'FR'].map((c) => authorityWithOfficial(db, c, 'responder')));
  await requestsTo(de, 1, 5, 5); // every indicator green: +5
  await requestsTo(it, 1, 40, 5); // accepted in time, answered late, well rated: +1 -1 -1 +1 +1
  await requestsTo(fr, 9, 40, 1); // every indicator red: -5
  await overdueRequest();
  const port = await freePort();
  await h.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A fresh browser (no cookie) on a page that fails the test on any script error or CSP refusal. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

async function logInAsPortugal(page: Page) {
  await page.goto(`${base}/dashboard?year=2021`);
  await page.locator('#dev-login').waitFor();
  await page.selectOption('#dev-country', 'PT');
  await page.locator(`#dev-user option[value="${pt.login}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#dev-user', pt.login);
  await page.click('#dev-login button[type=submit]');
  await page.locator('body[data-ready=true] #map[data-rendered="2021"]').waitFor();
}

describe('GET /dashboard', () => {
  it('when there is no session, then it answers the login page and none of the data', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/dashboard' });
    const { page, errors } = await freshPage();

    await page.goto(`${base}/dashboard`);
    await page.locator('body[data-ready=true]').waitFor();
    await screenshot(page, 'login.png');

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('id="token-login"');
    expect(res.body).not.toContain('overdue-body');
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Log in');
    expect(await page.locator('#map, #overdue-body').count()).toBe(0);
    expect(await page.locator('#dev-login').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when an official logs in, then the map shows each country in the colour of its rating, as the screenshot proves', async () => {
    const { page, errors } = await freshPage();
    await logInAsPortugal(page);
    await page.evaluate('window.scrollTo(0, 0)');

    // The inner points eea-map.json carries, placed on the page: the SVG scales its viewBox
    // uniformly to its width (height: auto), so one factor maps both axes.
    const svg = (await page.locator('svg.map').boundingBox())!;
    const scale = svg.width / eeaMap.viewBox[2];
    const points = ['DE', 'IT', 'FR', 'PL'].map((c) => {
      const [x, y] = eeaMap.countries[c].label;
      return { x: svg.x + x * scale, y: svg.y + y * scale };
    });
    const swatches = await Promise.all(['above-average', 'average', 'below-average', 'no-data'].map((r) => centreOf(page, `.legend li[data-rating="${r}"] .swatch`)));
    const shot = await screenshot(page, 'dashboard.png');

    const legend = swatches.map(({ x, y }) => shot.at(x, y));
    const [green, yellow, red, grey] = legend;
    const [de, it, fr, pl] = points.map(({ x, y }) => shot.at(x, y));
    const isGreen = ([r, g, b]: Rgb) => g > r + 40 && g > b + 40;
    const isRed = ([r, g, b]: Rgb) => r > g + 80 && r > b + 80;
    const isGrey = ([r, g, b]: Rgb) => Math.max(r, g, b) - Math.min(r, g, b) < 10 && r > 120 && r < 230;
    expect(isGreen(green) && isRed(red) && isGrey(grey), `legend ${JSON.stringify(legend)}`).toBe(true);
    expect(colourDistance(yellow, green)).toBeGreaterThan(60);
    expect(colourDistance(de, green), `Germany at ${JSON.stringify(points[0])}`).toBeLessThanOrEqual(2);
    expect(colourDistance(it, yellow), `Italy at ${JSON.stringify(points[1])}`).toBeLessThanOrEqual(2);
    expect(colourDistance(fr, red), `France at ${JSON.stringify(points[2])}`).toBeLessThanOrEqual(2);
    expect(colourDistance(pl, grey), `Poland at ${JSON.stringify(points[3])}`).toBeLessThanOrEqual(2);
    await expect(page.locator('svg.map path[data-country="DE"] title').textContent()).resolves.toBe('Germany: above average (total score 5)');
    await expect(page.locator('.legend li[data-rating="below-average"]').textContent()).resolves.toBe('below average (1)');
    expect(await page.locator('figure.chart').count()).toBe(5);
    expect(await page.locator('figure.chart[data-indicator="acceptance"] rect.bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('class')))).toEqual([
      'bar above-average', // DE, in protocol order
      'bar below-average', // FR
      'bar above-average', // IT
    ]);

    // Another year: nothing was sent in 2022, so every country is grey, and the address keeps the choice.
    await page.selectOption('#year', '2022');
    await page.locator('#map[data-rendered="2022"]').waitFor();
    expect(await page.locator('svg.map path.no-data').count()).toBe(30);
    expect(new URL(page.url()).searchParams.get('year')).toBe('2022');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when a request lapses while the page is open, then the list shows it within seconds, linked to its case', async () => {
    const { page, errors } = await freshPage();
    await logInAsPortugal(page);
    const first = await page.locator('#overdue-body').getAttribute('data-loaded');

    const late = await overdueRequest();
    const row = page.locator(`#overdue-body tr[data-case="${late.caseId}"]`);
    await row.waitFor({ timeout: 15_000 });

    expect(await page.locator('#overdue-body').getAttribute('data-loaded')).not.toBe(first);
    await expect(row.locator('td').nth(3).textContent()).resolves.toContain('not accepted in time');
    expect(await page.locator('#overdue-body tbody tr.overdue').count()).toBe(2);
    // Checked before leaving: on the case's JSON the browser asks for a favicon the API lacks.
    expect(errors).toEqual([]);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${base}/v1/cases/${late.caseId}`), row.locator('a').click()]);
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ id: late.caseId, status: 'submitted' });
    await page.context().close();
  });

  it('when the official logs out, then /dashboard shows the login page again', async () => {
    const { page } = await freshPage();
    await logInAsPortugal(page);

    await page.click('#logout');
    await page.locator('#dev-login').waitFor();

    expect(await page.locator('#map').count()).toBe(0);
    expect((await page.context().cookies()).filter((c) => c.name === 'liaison_session')).toEqual([]);
    await page.context().close();
  });
});
