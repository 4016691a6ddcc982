// @ts-check
/**
 * The login page /dashboard shows without a session. A token (pasted, or in embedded mode issued by
 * the dev issuer for a chosen official) is handed to POST /v1/auth/session, which sets the
 * session cookie; reloading /dashboard then shows the dashboard.
 */
import { countryName, h } from './dom.js';

const EEA = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE'.split(' ');
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value;

/** @param {string} message */
function fail(message) {
  $('login-error').textContent = message;
  $('login-error').hidden = false;
}

/**
 * POSTs JSON, returning the answer's body or throwing with the problem's detail.
 * @param {string} url
 * @param {unknown} body
 */
async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.detail ?? `${url} answered ${res.status}`);
  return json;
}

/** @param {string} token */
async function logIn(token) {
  await post('/v1/auth/session', { token });
  location.reload();
}

/** Fills the officials list for the chosen country and role. */
async function listOfficials() {
  const q = new URLSearchParams({ limit: '200' });
  if (value('dev-country')) q.set('country', value('dev-country'));
  if (value('dev-role')) q.set('role', value('dev-role'));
  const res = await fetch(`/v1/auth/dev-users?${q}`);
  if (!res.ok) return false;
  /** @type {{ total: number, items: { login: string, name: string, roles: string[], authority: { name: string, country: string } }[] }} */
  const { items, total } = await res.json();
  $('dev-user').replaceChildren(
    ...items.map((u) => h('option', { value: u.login }, [`${u.name} (${u.login}), ${u.authority.name}, ${u.authority.country}, ${u.roles.join(', ')}`])),
  );
  $('dev-total').textContent = total > items.length ? `${items.length} of ${total}: choose a country or role to narrow` : '';
  return true;
}

async function main() {
  $('dev-country').append(...EEA.map((c) => h('option', { value: c }, [`${countryName(c)} (${c})`])), h('option', { value: 'EU' }, ['European Commission (EU)']));
  // The dev issuer exists in embedded mode only; elsewhere its routes answer 404 and the form stays hidden.
  if (await listOfficials()) $('dev-login').hidden = false;
  for (const id of ['dev-country', 'dev-role']) $(id).addEventListener('change', () => listOfficials().catch((err) => fail(err.message)));
  $('dev-login').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await logIn((await post('/v1/auth/dev-token', { user: value('dev-user') })).token);
    } catch (err) {
      fail(/** @type {Error} */ (err).message);
    }
  });
  $('token-login').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await logIn(value('token').trim());
    } catch (err) {
      fail(/** @type {Error} */ (err).message);
    }
  });
  document.body.setAttribute('data-ready', 'true');
}

main();
