// @ts-check
/**
 * Usage over the years: exchanges per year as stacked bars, split by kind of procedure or by legal
 * area (a choice), from GET /v1/statistics/usage.
 */
import { format, h, s, ticks, title } from './dom.js';

/**
 * @typedef {{ year: number, exchanges: number, area?: string, kind?: string }} UsageRow
 * @typedef {{ years: number[], byArea: UsageRow[], byKind: UsageRow[] }} Usage
 */

const W = 900;
const H = 260;
const M = { top: 12, right: 8, bottom: 24, left: 60 };

/** Distinct hues for up to 17 areas, spread around the colour wheel, alternating lightness. */
const colour = (/** @type {number} */ i, /** @type {number} */ n) => `hsl(${Math.round((i * 360) / Math.max(n, 1))} 55% ${i % 2 ? 42 : 58}%)`;

/** Labels for ids like "posting-of-workers" or "request-reply". */
const label = (/** @type {string} */ id) => id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ');

/**
 * @param {Usage} usage
 * @param {'kind' | 'area'} by
 */
function chart(usage, by) {
  const rows = by === 'kind' ? usage.byKind : usage.byArea;
  const series = [...new Set(rows.map((r) => /** @type {string} */ (r[by])))].sort();
  const years = usage.years;
  const totals = years.map((y) => rows.filter((r) => r.year === y).reduce((a, r) => a + r.exchanges, 0));
  const marks = ticks(Math.max(1, ...totals));
  const max = marks[marks.length - 1];
  const y = (/** @type {number} */ v) => M.top + (H - M.top - M.bottom) * (1 - v / max);
  const step = (W - M.left - M.right) / Math.max(years.length, 1);
  const parts = [];
  for (const t of marks.filter(Number.isInteger)) {
    parts.push(s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }), s('text', { class: 'tick', x: M.left - 4, y: y(t) + 4, 'text-anchor': 'end' }, [format.integer(t)]));
  }
  years.forEach((year, i) => {
    const x = M.left + i * step;
    let base = 0;
    series.forEach((name, k) => {
      const n = rows.find((r) => r.year === year && r[by] === name)?.exchanges ?? 0;
      if (!n) return;
      const text = `${year}, ${label(name)}: ${format.integer(n)} exchanges`;
      parts.push(s('rect', { class: 'segment', x: x + step * 0.15, width: step * 0.7, y: y(base + n), height: y(base) - y(base + n), fill: colour(k, series.length) }, [title(text)]));
      base += n;
    });
    parts.push(s('text', { class: 'tick', x: x + step / 2, y: H - 6, 'text-anchor': 'middle' }, [String(year)]));
  });
  const legend = h(
    'ul',
    { class: 'legend series' },
    series.map((name, k) => h('li', {}, [h('span', { class: 'swatch', 'data-colour': colour(k, series.length), 'aria-hidden': 'true' }), label(name)])),
  );
  // The style attribute is refused by the page's CSP; a CSSOM write is not.
  for (const sw of legend.querySelectorAll('.swatch')) /** @type {HTMLElement} */ (sw).style.backgroundColor = sw.getAttribute('data-colour') ?? '';
  return [
    s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'usage', role: 'img', 'aria-label': `Exchanges per year by ${by}: ${years.map((yr, i) => `${yr} ${format.integer(totals[i])}`).join(', ')}` }, parts),
    legend,
  ];
}

/**
 * @param {Element} target
 * @param {Usage} usage
 */
export function renderUsage(target, usage) {
  if (!usage.years.length) {
    target.replaceChildren(h('p', {}, ['No exchanges recorded yet.']));
    return;
  }
  const select = /** @type {HTMLSelectElement} */ (
    h('select', { id: 'usage-by' }, [h('option', { value: 'kind' }, ['kind of procedure']), h('option', { value: 'area' }, ['legal area'])])
  );
  const body = h('div');
  const draw = () => body.replaceChildren(...chart(usage, /** @type {'kind' | 'area'} */ (select.value)));
  select.addEventListener('change', draw);
  target.replaceChildren(h('p', { class: 'controls' }, [h('label', { for: 'usage-by' }, ['Split by ']), select]), body);
  draw();
}
