/**
 * Each side reads the same exchange in its own language: labels of the procedure, its questions
 * and the chosen options are pre-translated; the stored answers are language-neutral.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageOf } from '../api/language.js';
import { officials } from '../db/schema/index.js';
import { loadCatalog } from '../policy-areas/catalog.js';
import { loadTranslations } from '../policy-areas/i18n.js';
import { TIMELINE_STRINGS } from '../policy-areas/ui-strings.js';
import { apiClient } from './support/api-client.js';
import { authorityWithOfficial, createParties, replyBody } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

const translations = await loadTranslations();
const de = translations.get('de')!;
const fr = translations.get('fr')!;

let h: Harness;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h);
});
afterAll(async () => h?.close());

const answer = (view: { forms: Record<string, { question: string }[]> }, form: string, q: string) =>
  view.forms[form].find((a) => a.question === q) as unknown as { label: string; value: unknown; display?: unknown };

describe('reading a case in two languages', () => {
  it('when a German requester and a French responder read the same case, then each sees its labels in their own language over the same answers', async () => {
    const p = await createParties(h.database.db);
    await h.database.db.update(officials).set({ language: 'de' }).where(eq(officials.login, p.requester.login));
    await h.database.db.update(officials).set({ language: 'fr' }).where(eq(officials.login, p.responder.login));
    const c = await api.open(p);
    await api.act(p.responder.login, c.id, 'accept');
    await api.act(p.responder.login, c.id, 'reply', replyBody);

    const asRequester = await api.get(p.requester.login, `/v1/cases/${c.id}`);
    const asResponder = await api.get(p.responder.login, `/v1/cases/${c.id}`);
    const deView = asRequester.json();
    const frView = asResponder.json();

    const id = 'pq-information-request';
    expect(asRequester.headers['content-language']).toBe('de');
    expect(asResponder.headers['content-language']).toBe('fr');
    expect(deView).toMatchObject({ statusLabel: de[`${id}.state.replied`], procedure: { title: de[`${id}.title`] }, language: { used: 'de', untranslated: [] } });
    expect(frView).toMatchObject({ statusLabel: fr[`${id}.state.replied`], procedure: { title: fr[`${id}.title`] }, language: { used: 'fr', untranslated: [] } });
    expect(deView.statusLabel).not.toBe(frView.statusLabel);
    const dp = answer(deView, 'request', 'profession');
    const fp = answer(frView, 'request', 'profession');
    expect(dp).toMatchObject({ label: de[`${id}.form.request.profession`], value: 'general-nurse', display: de[`${id}.form.request.profession.general-nurse`] });
    expect(fp).toMatchObject({ label: fr[`${id}.form.request.profession`], value: 'general-nurse', display: fr[`${id}.form.request.profession.general-nurse`] });
    expect(answer(deView, 'request', 'questions-asked').display).toEqual([de[`${id}.form.request.questions-asked.authenticity`], de[`${id}.form.request.questions-asked.disciplinary-sanctions`]]);
    expect(answer(frView, 'reply', 'qualification-authentic')).toMatchObject({ value: true, label: fr[`${id}.form.reply.qualification-authentic`] });
    expect(deView.availableActions.map((a: { label: string }) => a.label)).toEqual([de[`${id}.action.close`], de[`${id}.action.reopen`]]);
    expect(deView.timeline.map((e: { label: string }) => e.label).slice(0, 2)).toEqual([TIMELINE_STRINGS.de.started, de[`${id}.action.accept`]]);
    expect(frView.timeline[1].label).toBe(fr[`${id}.action.accept`]);
    // Free text stays as written.
    expect(deView.timeline.at(-1).payload.message).toBe(replyBody.message);
  });

  it('when an official has no language of their own, then the request’s Accept-Language decides, and English when it names none of the 26', async () => {
    const p = await createParties(h.database.db);
    const c = await api.open(p);
    const auth = (await h.auth(p.responder.login)).authorization;
    const withAuth = (lang: string) => h.app.inject({ method: 'GET', url: `/v1/cases/${c.id}`, headers: { authorization: auth, 'accept-language': lang } });

    const italian = (await withAuth('it-IT,it;q=0.9,en;q=0.5')).json();
    const norwegian = (await withAuth('nb-NO')).json();
    const klingon = (await withAuth('tlh, x-pig-latin;q=0.8')).json();

    expect(italian.language.used).toBe('it');
    expect(italian.statusLabel).toBe(translations.get('it')!['pq-information-request.state.submitted']);
    expect(norwegian.language.used).toBe('no');
    expect(klingon).toMatchObject({ language: { used: 'en', untranslated: [] }, statusLabel: 'Awaiting acceptance' });
  });

  it('when a string has no translation yet, then the English is shown and the fallback is listed', async () => {
    const owner = (await authorityWithOfficial(h.database.db, 'BE', 'policy', ['policy-owner'])).login;
    const pq = (await loadCatalog()).procedures.get('pq-information-request')!;
    const fresh = { ...structuredClone(pq), id: `pq-pilot-${randomUUID().slice(0, 8)}`, version: 1 };
    await api.post(owner, '/v1/procedures', fresh);
    const p = await createParties(h.database.db);
    await h.database.db.update(officials).set({ language: 'de' }).where(eq(officials.login, p.requester.login));

    const c = await api.open(p, { procedure: fresh.id });

    expect(c.statusLabel).toBe('Awaiting acceptance');
    expect(c.language.used).toBe('de');
    expect(c.language.untranslated).toEqual(expect.arrayContaining([`${fresh.id}.title`, `${fresh.id}.state.submitted`, `${fresh.id}.form.request.profession`]));
  });
});

describe('language negotiation', () => {
  it.each([
    [null, 'fr-BE,fr;q=0.9', 'fr'],
    ['sl', 'fr', 'sl'],
    [null, 'en-GB;q=0.2, ga;q=0.8', 'ga'],
    [null, 'nn', 'no'],
    [null, undefined, 'en'],
    ['xx', 'zz', 'en'],
  ])('when the official prefers %s and the request accepts %s, then the answer is in %s', (preference, header, expected) => {
    expect(languageOf({ language: preference }, header)).toBe(expected);
  });
});
