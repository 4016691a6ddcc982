// @ts-check
/**
 * One bar chart per scoreboard indicator: every EEA country in a fixed order (so the five charts
 * read across), each bar coloured by the country's score on it, with the green and red thresholds
 * as lines. A table of the same figures follows, the charts' text alternative.
 */
import { RATING_LABEL, countryName, format, h, s, scoreClass, ticks, title } from './dom.js';
import { scoresByCountry } from './dashboard-map.js';

/** @typedef {import('./dashboard-map.js').Scoreboard} Scoreboard */

const INDICATORS = [
  { key: 'acceptance', name: 'Requests accepted within a week', unit: 'share' },
  { key: 'answeringDays', name: 'Average days to answer', unit: 'days' },
  { key: 'agreedDate', name: 'Requests answered by the agreed date', unit: 'share' },
  { key: 'timeliness', name: 'Negative ratings of timeliness', unit: 'share' },
  { key: 'efforts', name: 'Negative ratings of efforts', unit: 'share' },
];
const W = 560;
const H = 220;
const M = { top: 12, right: 8, bottom: 28, left: 44 };

/** @param {string} unit */
const formatter = (unit) => (unit === 'share' ? format.percent : (/** @type {number} */ n) => `${format.decimal(n)} d`);

/**
 * A threshold rule ({atLeast|below|above: n}) as its number.
 * @param {import('./dashboard-map.js').Bound | undefined} bound
 * @returns {number | undefined}
 */
const boundValue = (bound) => bound?.atLeast ?? bound?.below ?? bound?.above;

/**
 * @param {Scoreboard} scoreboard
 * @param {string} key
 */
function thresholdsOf(scoreboard, key) {
  const t = scoreboard.rules?.indicators?.[key];
  return { green: boundValue(t?.green), red: boundValue(t?.red) };
}

/**
 * @param {Scoreboard} scoreboard
 * @param {string[]} codes the countries, in the order the bars go
 * @param {typeof INDICATORS[number]} ind
 */
function chart(scoreboard, codes, ind) {
  const scores = scoresByCountry(scoreboard);
  const fmt = formatter(ind.unit);
  const { green, red } = thresholdsOf(scoreboard, ind.key);
  const values = codes.map((c) => scores.get(c)?.indicators?.[ind.key]?.value ?? null);
  const top = Math.max(...values.map((v) => v ?? 0), green ?? 0, red ?? 0) * 1.1;
  const marks = ticks(ind.unit === 'share' ? Math.min(1, top) : top);
  const max = marks[marks.length - 1];
  const y = (/** @type {number} */ v) => M.top + (H - M.top - M.bottom) * (1 - Math.min(v, max) / max);
  const step = (W - M.left - M.right) / codes.length;
  const parts = [];
  for (const t of marks) {
    parts.push(s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }));
    parts.push(s('text', { class: 'tick', x: M.left - 4, y: y(t) + 4, 'text-anchor': 'end' }, [fmt(t)]));
  }
  codes.forEach((code, i) => {
    const figure = scores.get(code)?.indicators?.[ind.key];
    const x = M.left + i * step;
    parts.push(s('text', { class: 'tick', x: x + step / 2, y: H - M.bottom + 14, 'text-anchor': 'middle' }, [code]));
    if (figure?.value === null || figure?.value === undefined) return;
    const cls = scoreClass(figure.score);
    const text = `${countryName(code)}: ${fmt(figure.value)} (${RATING_LABEL[cls]})`;
    parts.push(s('rect', { class: `bar ${cls}`, x: x + 2, width: step - 4, y: y(figure.value), height: y(0) - y(figure.value) }, [title(text)]));
  });
  for (const [cls, v] of /** @type {const} */ ([['above-average', green], ['below-average', red]])) {
    if (v === undefined) continue;
    const label = `${cls === 'above-average' ? 'green' : 'red'} threshold: ${fmt(v)}`;
    parts.push(s('line', { class: `threshold ${cls}`, x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }, [title(label)]));
  }
  // The EEA's own figure: every request pooled, not an average of the countries.
  const avg = scoreboard.eea?.[ind.key]?.value;
  if (typeof avg === 'number') parts.push(s('line', { class: 'eea-line', x1: M.left, x2: W - M.right, y1: y(avg), y2: y(avg) }, [title(`EEA: ${fmt(avg)}`)]));
  const id = `chart-${ind.key}`;
  return h('figure', { class: 'chart', 'data-indicator': ind.key }, [
    h('figcaption', { id }, [h('h3', {}, [ind.name])]),
    s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': id }, parts),
  ]);
}

/**
 * The figures behind the map and charts as a table.
 * @param {Scoreboard} scoreboard
 * @param {string[]} codes
 */
function table(scoreboard, codes) {
  const scores = scoresByCountry(scoreboard);
  const head = h('tr', {}, [h('th', { scope: 'col' }, ['Country']), ...INDICATORS.map((i) => h('th', { scope: 'col' }, [i.name])), h('th', { scope: 'col' }, ['Total']), h('th', { scope: 'col' }, ['Rating'])]);
  const rows = codes.map((code) => {
    const c = scores.get(code);
    const cells = INDICATORS.map((i) => {
      const v = c?.indicators?.[i.key]?.value;
      return h('td', { class: 'num' }, [v === null || v === undefined ? '–' : formatter(i.unit)(v)]);
    });
    const total = c?.total === null || c?.total === undefined ? '–' : format.integer(c.total);
    return h('tr', {}, [h('th', { scope: 'row' }, [countryName(code)]), ...cells, h('td', { class: 'num' }, [total]), h('td', {}, [RATING_LABEL[/** @type {keyof typeof RATING_LABEL} */ (c?.rating ?? 'no-data')]])]);
  });
  return h('details', { class: 'figures' }, [
    h('summary', {}, ['The figures as a table']),
    h('table', {}, [h('caption', {}, [`Scoreboard ${scoreboard.year}`]), h('thead', {}, [head]), h('tbody', {}, rows)]),
  ]);
}

/**
 * @param {Element} target
 * @param {Scoreboard} scoreboard
 * @param {string[]} codes
 */
export function renderIndicators(target, scoreboard, codes) {
  const key = h('p', { class: 'chart-key' }, [
    'Bars: each country, coloured by its score. Dashed lines: the ',
    h('span', { class: 'key-green' }, ['green']),
    ' and ',
    h('span', { class: 'key-red' }, ['red']),
    ' thresholds. Solid line: the EEA, every request pooled.',
  ]);
  target.replaceChildren(key, h('div', { class: 'charts' }, INDICATORS.map((i) => chart(scoreboard, codes, i))), table(scoreboard, codes));
}
