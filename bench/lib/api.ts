/**
 * The API in-process over a benchmark's own database, for routes that never reach Temporal
 * (search, supervision, scoreboard): a lazy Temporal connection that is never opened.
 */
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app.js';
import { createAuthenticator } from '../../api/auth.js';
import { createCaseGateway } from '../../api/case-gateway.js';
import type { Db } from '../../db/client.js';
import type { Catalog } from '../../policy-areas/catalog.js';
import { loadTranslations } from '../../policy-areas/i18n.js';

export async function inProcessApi(db: Db, catalog: Catalog, keyFile: string) {
  const auth = await createAuthenticator('embedded', { audience: 'liaison', devKeyFile: keyFile });
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await buildApp({
    mode: 'embedded',
    db,
    temporal,
    gateway: createCaseGateway(temporal, { taskQueue: 'unused' }),
    catalog,
    translations: await loadTranslations(),
    auth,
    searchAttributes: false,
    dryRun: () => Promise.reject(new Error('not in this benchmark')),
  });
  const headers = async (login: string) => ({ authorization: `Bearer ${(await auth.devIssuer!.issue(login)).token}` });
  /** GET as `login`; milliseconds and the parsed body, or an error for any status but 200. */
  const timedGet = async (login: string | { authorization: string }, url: string) => {
    const h = typeof login === 'string' ? await headers(login) : login;
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: h });
    const ms = performance.now() - s;
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, body: res.json() as unknown };
  };
  return { app, headers, timedGet };
}
