/**
 * The supervisors' dashboard: a page at /dashboard and its static files from api/dashboard/ (plain
 * browser JavaScript, no build step). The page reads the JSON API with the session cookie
 * (api/session.ts), so it is shown only to a valid session; without one, /dashboard answers the
 * login page instead. The other files hold no data (code, styles, the map's geometry) and are public.
 */
import { readFile } from 'node:fs/promises';
import type { App, AppDeps, Authenticate } from '../app.js';
import { HttpProblem } from '../errors.js';

const DIR = new URL('../dashboard/', import.meta.url);
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
/** The files served, by name: an allow-list, so no request path ever reaches the file system. */
const ASSETS = [
  'dashboard.js',
  'dashboard-charts.js',
  'dashboard-map.js',
  'dashboard-overdue.js',
  'dashboard-usage.js',
  'dom.js',
  'login.js',
  'dashboard.css',
  'eea-map.json',
];

/**
 * Scripts and styles from this origin only, no inline script, no framing: the page shows
 * supervision data, so an injected script or a framing site must get nothing out of it.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

async function load(name: string) {
  return { body: await readFile(new URL(name, DIR)), type: TYPES[name.slice(name.lastIndexOf('.') + 1)] };
}

export async function dashboardRoutes(app: App, { authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  // Read once at start: a handful of small files, and a missing one stops the start, not a request.
  const [page, login] = await Promise.all([load('index.html'), load('login.html')]);
  const assets = new Map(await Promise.all(ASSETS.map(async (name) => [name, await load(name)] as const)));

  app.get('/dashboard', { schema: { hide: true } }, async (request, reply) => {
    let signedIn = true;
    try {
      await authenticate(request);
    } catch (err) {
      // No session, an expired one, or a token for nobody in the directory: log in (again).
      if (!(err instanceof HttpProblem) || (err.status !== 401 && err.status !== 403)) throw err;
      signedIn = false;
    }
    const file = signedIn ? page : login;
    // The answer depends on the cookie: never cached, so logging out really shows the login page.
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-store').header('vary', 'cookie').type(file.type).send(file.body);
  });

  app.get<{ Params: { file: string } }>('/dashboard/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = assets.get(request.params.file);
    if (!file) throw new HttpProblem(404, 'not-found', 'Not found', `no dashboard file ${request.params.file}`);
    // Fetched again on each load (they are small), so a new release is picked up at once.
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache').type(file.type).send(file.body);
  });
}
