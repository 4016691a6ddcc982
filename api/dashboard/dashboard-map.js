// @ts-check
/**
 * The map: the 30 EEA countries coloured by their overall rating for the year, from the shapes
 * that `npm run dashboard:map` built into eea-map.json (no download at run time).
 */
import { RATING_LABEL, countryCode, countryName, format, h, s, title } from './dom.js';

/**
 * @typedef {{ name: string, d: string, label: [number, number], marker?: number }} MapCountry
 * @typedef {{ viewBox: number[], context: string, countries: Record<string, MapCountry> }} EeaMap
 * @typedef {{ value: number | null, score: number | null }} IndicatorFigure
 * @typedef {{ country: string, indicators: Record<string, IndicatorFigure>, total: number | null, rating: string | null }} CountryScore
 * @typedef {{ atLeast?: number, below?: number, above?: number }} Bound
 * @typedef {{ indicators: Record<string, { green: Bound, red: Bound }> }} Rules
 * @typedef {{ year: number, rules: Rules, countries: CountryScore[], eea: Record<string, { value: number | null }> }} Scoreboard
 */

/**
 * The scoreboard's countries by the map's codes.
 * @param {Scoreboard} scoreboard
 * @returns {Map<string, CountryScore>}
 */
export const scoresByCountry = (scoreboard) => new Map(scoreboard.countries.map((c) => [countryCode(c.country), c]));

/**
 * @param {CountryScore | undefined} score
 * @returns {keyof typeof RATING_LABEL}
 */
const ratingOf = (score) => /** @type {keyof typeof RATING_LABEL} */ (score?.rating ?? 'no-data');

/**
 * @param {Element} target
 * @param {EeaMap} map
 * @param {Scoreboard} scoreboard
 */
export function renderMap(target, map, scoreboard) {
  const scores = scoresByCountry(scoreboard);
  const counts = { 'above-average': 0, average: 0, 'below-average': 0, 'no-data': 0 };
  const shapes = [];
  const markers = [];
  for (const [code, c] of Object.entries(map.countries)) {
    const score = scores.get(code);
    const rating = ratingOf(score);
    counts[rating] += 1;
    const total = score?.total === null || score?.total === undefined ? '' : ` (total score ${format.integer(score.total)})`;
    const text = `${countryName(code)}: ${RATING_LABEL[rating]}${total}`;
    const attrs = { class: `country ${rating}`, 'data-country': code, 'data-rating': rating };
    shapes.push(s('path', { ...attrs, d: c.d }, [title(text)]));
    // Malta, Luxembourg, Liechtenstein are a few pixels wide: a round marker of the same colour
    // makes them visible and hoverable. Drawn last, above every shape.
    if (c.marker) markers.push(s('circle', { ...attrs, class: `${attrs.class} marker`, cx: c.label[0], cy: c.label[1], r: c.marker }, [title(text)]));
  }
  const [x, y, w, hgt] = map.viewBox;
  const svg = s(
    'svg',
    { viewBox: `${x} ${y} ${w} ${hgt}`, class: 'map', role: 'group', 'aria-label': `EEA countries by overall rating, ${scoreboard.year}` },
    [s('rect', { class: 'sea', x, y, width: w, height: hgt }), s('path', { class: 'context', d: map.context, 'aria-hidden': 'true' }), ...shapes, ...markers],
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(RATING_LABEL).map(([rating, label]) =>
      h('li', { 'data-rating': rating }, [h('span', { class: `swatch ${rating}`, 'aria-hidden': 'true' }), `${label} (${format.integer(counts[/** @type {keyof typeof counts} */ (rating)])})`]),
    ),
  );
  target.replaceChildren(svg, legend);
  target.setAttribute('data-rendered', String(scoreboard.year));
}
