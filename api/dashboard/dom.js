// @ts-check
/**
 * Small helpers shared by the dashboard's modules: element builders, the browser locale's number
 * and date formats, and JSON fetches that carry the session cookie.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {Record<string, string | number | boolean | null | undefined>} Attrs
 * @typedef {Node | string | null | undefined | false} Child
 */

/**
 * @param {Element} el
 * @param {Attrs} attrs
 * @param {Child[]} children
 */
function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * An HTML element.
 * @param {string} name
 * @param {Attrs} [attrs]
 * @param {Child[]} [children]
 * @returns {HTMLElement}
 */
export const h = (name, attrs = {}, children = []) => /** @type {HTMLElement} */ (fill(document.createElement(name), attrs, children));

/**
 * An SVG element.
 * @param {string} name
 * @param {Attrs} [attrs]
 * @param {Child[]} [children]
 * @returns {SVGElement}
 */
export const s = (name, attrs = {}, children = []) => /** @type {SVGElement} */ (fill(document.createElementNS(SVG_NS, name), attrs, children));

/** An SVG <title>: the tooltip and the text alternative of the shape it is in. */
export const title = (/** @type {string} */ text) => s('title', {}, [text]);

// `undefined`: the browser's own locale, so figures read as the user writes them.
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const regions = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'code' });

export const format = {
  percent: (/** @type {number} */ n) => percent.format(n),
  decimal: (/** @type {number} */ n) => decimal.format(n),
  integer: (/** @type {number} */ n) => integer.format(n),
  dateTime: (/** @type {string} */ iso) => dateTime.format(new Date(iso)),
  date: (/** @type {string} */ iso) => dateOnly.format(new Date(iso)),
  time: (/** @type {Date} */ d) => time.format(d),
};

/**
 * Round axis ticks from 0 to at least `top`: about four steps of 1, 2, 2.5 or 5 times a power of ten.
 * @param {number} top
 * @returns {number[]}
 */
export function ticks(top) {
  top = top > 0 ? top : 1;
  const raw = top / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.ceil(top / step - 1e-9) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Liaison stores Greece as GR (ISO 3166); EU documents write EL. */
export const countryCode = (/** @type {string} */ code) => (code === 'EL' ? 'GR' : code);

/** A country's name in the browser's language. */
export const countryName = (/** @type {string} */ code) => regions.of(countryCode(code)) ?? code;

/** Rating names double as CSS classes: the map, the legend and the bars share one colour each. */
export const RATING_LABEL = {
  'above-average': 'above average',
  average: 'average',
  'below-average': 'below average',
  'no-data': 'no data',
};

/** An indicator's score (green 1, yellow 0, red -1) as the rating class of the same colour. */
export const scoreClass = (/** @type {number | null | undefined} */ score) =>
  score === 1 ? 'above-average' : score === 0 ? 'average' : score === -1 ? 'below-average' : 'no-data';

/**
 * GETs JSON from the API; the browser sends the session cookie along (same origin). A 401 means
 * the session ended: reloading /dashboard shows the login page.
 * @param {string} url
 */
export async function getJson(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (res.status === 401) {
    location.assign('/dashboard');
    throw new Error('the session has ended');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.detail ?? `${url} answered ${res.status}`);
  return body;
}

/**
 * Shows an error in place of a section's content, read out by screen readers.
 * @param {Element} target
 * @param {unknown} err
 */
export function showError(target, err) {
  target.replaceChildren(h('p', { class: 'error', role: 'alert' }, [`Could not load: ${/** @type {Error} */ (err).message}`]));
}
