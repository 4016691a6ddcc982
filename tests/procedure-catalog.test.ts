/**
 * The procedure catalogue as data: every definition passes the checks, the catalogue has the
 * 67 procedures of 2021 in 17 legal areas, the shapes differ where the law differs, and the
 * checker refuses broken definitions with the path and the reason.
 */
import { loadTranslations, translationProblems } from '../policy-areas/i18n.js';
import { catalogStrings, LANGUAGES } from '../policy-areas/strings.js';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadCatalog, readPolicyAreas } from '../policy-areas/catalog.js';
import { readCompetences } from '../policy-areas/competences.js';
import { checkProcedure } from '../policy-areas/check.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import { procedureSchemaJson, schemaPath } from '../policy-areas/schema-file.js';

const { areas, files } = await readPolicyAreas();
const definitions = files.filter((f) => f.data.format === 2);
const byCode = new Map(definitions.map((f) => [f.data.code as string, f.data as unknown as ProcedureV2]));
const areaIds = new Set(areas.keys());

describe('the shipped catalogue', () => {
  it.each(definitions.map((f) => [f.file, f.data] as const))('when %s is checked, then it has no problem', (_file, data) => {
    expect(checkProcedure(data, areaIds)).toEqual([]);
  });

  it('when the catalogue is counted, then it has the 67 procedures of 2021 in 17 legal areas, each code once', () => {
    expect(definitions).toHaveLength(67);
    expect(new Set(definitions.map((f) => f.data.area)).size).toBe(17);
    expect(byCode.size).toBe(67);
    expect(new Set(definitions.map((f) => f.data.id)).size).toBe(67);
  });

  it('when an alert is sent, then it goes to many recipients who each acknowledge once, and the sender can update or withdraw it', () => {
    for (const code of ['PQ-ALERT-RESTR', 'SD-ALERT', 'CPC-ALERT']) {
      const d = byCode.get(code)!;
      expect(d.kind, code).toBe('alert');
      const recipients = Object.entries(d.roles).find(([, r]) => r.party === 'recipients')?.[0];
      const sender = d.start.by;
      expect(recipients, code).toBeDefined();
      const acts = Object.values(d.actions);
      expect(acts.some((a) => a.by.includes(recipients!) && a.oncePerParty), code).toBe(true);
      expect(acts.some((a) => a.by.includes(sender) && !a.to && a.message === 'required'), `${code}: update`).toBe(true);
      expect(acts.some((a) => a.by.includes(sender) && a.to && d.states[a.to].final), `${code}: withdraw or close`).toBe(true);
    }
  });

  it('when a GDPR draft decision is circulated, then every concerned authority has 4 weeks to object, and silence is agreement', () => {
    const d = byCode.get('GDPR-60-DD')!;
    const window = Object.values(d.deadlines).find((t) => 'weeks' in t.length && t.length.weeks === 4);
    expect(window).toBeDefined();
    expect(window!.onExpiry.moveTo).toBeDefined();
    expect(window!.onExpiry.moveToIfAny).toBeDefined();
    const objection = d.actions[window!.onExpiry.moveToIfAny!.action];
    expect(objection.oncePerParty).toBe(true);
    expect(objection.by.every((r) => d.roles[r].party === 'recipients')).toBe(true);
  });

  it('when the host authority misses its deadline on a European Professional Card, then the card is deemed granted', () => {
    const d = byCode.get('PQ-EPC-EST')!;
    expect(d.area).toBe('european-professional-card');
    const tacit = Object.values(d.deadlines).filter((t) => t.onExpiry.moveTo && /deemed|tacit|grant/.test(t.onExpiry.moveTo));
    expect(tacit.length).toBeGreaterThan(0);
    expect(tacit.some((t) => 'months' in t.length || 'weeks' in t.length)).toBe(true);
  });

  it('when a SOLVIT case is submitted, then the lead centre must accept within a week and solve within 10 weeks', () => {
    const d = byCode.get('SOLVIT-CASE')!;
    const lengths = Object.values(d.deadlines).map((t) => t.length);
    expect(lengths).toContainEqual({ calendarDays: 7 });
    expect(lengths).toContainEqual({ weeks: 10 });
  });

  it('when the posting-of-workers request is sent, then its legal deadline counts working days on the responder’s holidays', () => {
    const d = byCode.get('PW-IR')!;
    expect(Object.values(d.deadlines).some((t) => 'workingDays' in t.length && t.length.workingDays === 25)).toBe(true);
  });

  it('when the published JSON Schema is compared with its TypeBox source, then it is current', async () => {
    expect(await readFile(schemaPath, 'utf8')).toBe(procedureSchemaJson());
  });

  it('when the reference pages are regenerated, then the committed ones are current', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/procedures-docs.ts', '--check']);
    expect(stdout).toMatch(/, 0 out of date/);
  });
});

describe('checking a definition', () => {
  const valid = () => structuredClone(byCode.get('PQ-IR')!) as ProcedureV2 & Record<string, unknown>;

  it.each<[string, (d: ProcedureV2) => void, { path: string; message: RegExp }]>([
    ['a state nothing leads to', (d) => (d.states.limbo = { label: { en: 'Limbo' }, final: true }), { path: '/states/limbo', message: /cannot be reached/ }],
    [
      'a state nothing leaves',
      (d) => {
        d.states.stuck = { label: { en: 'Stuck' } };
        d.actions.accept.to = 'stuck';
      },
      { path: '/states/stuck', message: /no action or deadline leaves it/ },
    ],
    ['an action by an unknown role', (d) => (d.actions.accept.by = ['judge']), { path: '/actions/accept/by/0', message: /unknown role "judge"/ }],
    ['a deadline that leads nowhere', (d) => (d.deadlines.reply.onExpiry = {}), { path: '/deadlines/reply/onExpiry', message: /leads nowhere/ }],
    ['a deadline that can never run', (d) => (d.deadlines.acceptance.runsIn = ['nowhere']), { path: '/deadlines/acceptance/runsIn/0', message: /unknown state/ }],
    ['escalation to a role that is no coordinator', (d) => (d.deadlines.acceptance.onExpiry.escalateTo = 'requester'), { path: '/deadlines/acceptance/onExpiry/escalateTo', message: /not a coordinator/ }],
    ['a reminder after the deadline', (d) => (d.deadlines.acceptance.reminders = [{ daysBefore: 9 }]), { path: '/deadlines/acceptance/reminders/0', message: /at once/ }],
    ['a label without English', (d) => (d.states.replied.label = { en: ' ' }), { path: '/states/replied/label', message: /no en text/ }],
    ['an action leaving a final state', (d) => d.actions.reopen.from.push('withdrawn'), { path: '/actions/reopen/from', message: /final/ }],
    ['a field the language does not know', (d) => Object.assign(d, { script: 'rm -rf /' }), { path: '/script', message: /Unexpected property/ }],
  ])('when a definition has %s, then the problem is reported with its path', (_what, breakIt, expected) => {
    const d = valid();
    breakIt(d);

    const problems = checkProcedure(d, areaIds);

    expect(problems).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });
});

describe('the catalogue in 26 languages', () => {
  it('when the translations are read, then every string of every procedure exists in all 26 languages, against the current English', async () => {
    const catalog = await loadCatalog();
    const translations = await loadTranslations();
    const english = catalogStrings(catalog.areas.values(), catalog.procedures.values());

    expect(translations.get('en')).toEqual(english);
    expect([...translations.keys()].sort()).toEqual([...LANGUAGES].sort());
    expect(translationProblems(translations)).toEqual([]);
  });

  it('when a language lacks a string or keeps one the catalogue dropped, then the check names the file and the keys', async () => {
    const translations = await loadTranslations();
    const fi = { ...translations.get('fi')! };
    delete fi['pq-information-request.title'];
    fi['pq-information-request.state.lost'] = 'Kadonnut';
    translations.set('fi', fi);
    translations.delete('mt');

    expect(translationProblems(translations)).toEqual([
      { path: 'i18n/fi.json', message: expect.stringMatching(/1 string\(s\) missing, e.g. pq-information-request.title/) },
      { path: 'i18n/fi.json', message: expect.stringMatching(/1 key\(s\) no longer in the catalogue, e.g. pq-information-request.state.lost/) },
      { path: 'i18n/mt.json', message: 'missing' },
    ]);
  });
});

describe('the competence vocabulary', () => {
  it('when it is read, then every concept belongs to a legal area and has terms in all 26 languages', async () => {
    const { areas } = await readPolicyAreas();
    const vocabulary = await readCompetences();

    const problems = vocabulary.flatMap((c) => [
      ...(areas.has(c.area) && c.id.startsWith(`${c.area}/`) ? [] : [`${c.id}: area ${c.area}`]),
      ...LANGUAGES.filter((l) => !c.terms[l]?.some((t) => t.trim())).map((l) => `${c.id}: no ${l} term`),
    ]);
    expect(problems).toEqual([]);
    expect(new Set(vocabulary.map((c) => c.id)).size).toBe(vocabulary.length);
    expect(new Set(vocabulary.map((c) => c.area))).toEqual(new Set(areas.keys()));
  });
});
