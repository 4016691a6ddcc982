// @ts-check
/**
 * The supervisors' dashboard: who is signed in, the scoreboard of a chosen year (map and indicator
 * charts), usage over the years, and the live list of cases needing attention. Each section loads
 * on its own, so one failing read leaves the others working.
 */
import { getJson, h, showError } from './dom.js';
import { renderIndicators } from './dashboard-charts.js';
import { renderMap } from './dashboard-map.js';
import { startOverdue } from './dashboard-overdue.js';
import { renderUsage } from './dashboard-usage.js';

/** @typedef {import('./dashboard-map.js').EeaMap} EeaMap */

/**
 * The EU's protocol order (countries by their names in their own languages), then the EFTA states:
 * the order the published scoreboard uses, the same in every chart.
 */
const PROTOCOL_ORDER = 'BE BG CZ DK DE EE IE GR ES FR HR IT CY LV LT LU HU MT NL AT PL PT RO SI SK FI SE IS LI NO'.split(' ');

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function showSession() {
  const me = await getJson('/v1/auth/session');
  $('who').textContent = `${me.name} (${me.login}), ${me.authority.name}, ${me.authority.country}`;
  $('logout').addEventListener('click', async () => {
    await fetch('/v1/auth/session', { method: 'DELETE', credentials: 'same-origin' });
    location.assign('/dashboard');
  });
}

/**
 * @param {EeaMap} map
 * @param {number} year
 */
async function showScoreboard(map, year) {
  $('scoreboard').setAttribute('aria-busy', 'true');
  try {
    const board = await getJson(`/v1/scoreboard?year=${year}`);
    renderMap($('map'), map, board);
    renderIndicators($('indicators'), board, PROTOCOL_ORDER);
  } catch (err) {
    showError($('map'), err);
  } finally {
    $('scoreboard').removeAttribute('aria-busy');
  }
}

/**
 * The year picker: every year with exchanges, and the scoreboard's default (the last full year).
 * The choice is kept in the address (?year=), so a reload or a shared link shows the same year.
 * @param {EeaMap} map
 * @param {number[]} years
 */
async function yearPicker(map, years) {
  const lastFull = new Date().getFullYear() - 1;
  const asked = Number(new URLSearchParams(location.search).get('year'));
  // Every year from the first with exchanges, so a quiet year can be picked and shows as such.
  const first = Math.min(...years, lastFull);
  const options = Array.from({ length: Math.max(...years, lastFull) - first + 1 }, (_, i) => first + i).reverse();
  const withData = years.filter((y) => y <= lastFull);
  const year = options.includes(asked) ? asked : withData.length ? Math.max(...withData) : lastFull;
  const select = /** @type {HTMLSelectElement} */ ($('year'));
  select.replaceChildren(...options.map((y) => h('option', { value: y, selected: y === year }, [String(y)])));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('year', select.value);
    history.replaceState(null, '', url);
    showScoreboard(map, Number(select.value));
  });
  await showScoreboard(map, year);
}

async function main() {
  const session = showSession().catch((err) => showError($('who'), err));
  const overdue = startOverdue($('overdue-body'));
  const mapFile = getJson('/dashboard/eea-map.json');
  const usage = getJson('/v1/statistics/usage').catch((err) => showError($('usage-body'), err));
  const [map, u] = await Promise.all([mapFile, usage]);
  if (u) renderUsage($('usage-body'), u);
  await Promise.all([yearPicker(map, u?.years ?? []), session, overdue]);
  // Lets a test (or a screenshot job) know every section has drawn once.
  document.body.setAttribute('data-ready', 'true');
}

main();
