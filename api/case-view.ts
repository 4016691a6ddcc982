/** What an official sees of a case: their part in it, with need-to-know redaction. */
import type { Viewer } from '../db/queries.js';
import type { Authority, CaseEventRow, CaseRow, CaseTranslationRow } from '../db/schema/index.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Translator } from '../policy-areas/i18n.js';
import { TIMELINE_STRINGS } from '../policy-areas/ui-strings.js';
import type { Form } from '../policy-areas/types.js';
import type { CaseSummaryT, CaseViewT } from './schemas.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The caller's roles: those its authority holds, and coordinator roles escalated to its country. */
export function rolesOf(v: Viewer, c: CaseRow): string[] {
  const held = Object.entries(c.parties)
    .filter(([, ps]) => ps.some((p) => p.authorityId === v.authorityId))
    .map(([role]) => role);
  const escalated = v.coordinator ? c.escalations.filter((e) => e.country === v.country).map((e) => e.role) : [];
  return [...new Set([...held, ...escalated])];
}

function party(id: string, country: string, directory: Map<string, Authority>) {
  return { authorityId: id, name: directory.get(id)?.name ?? id, country };
}

export const partyIds = (c: CaseRow) => [c.initiatorAuthorityId, ...Object.values(c.parties).flat().map((p) => p.authorityId)];

export function caseSummary(c: CaseRow, v: Viewer, directory: Map<string, Authority>, d: ProcedureV2 | undefined, tr: Translator): CaseSummaryT {
  return {
    id: c.id,
    procedure: { id: c.procedureId, version: c.procedureVersion, kind: c.kind, title: d ? tr.t(`${d.id}.title`, d.title.en) : c.procedureId },
    status: c.status,
    statusLabel: d?.states[c.status] ? tr.t(`${d.id}.state.${c.status}`, d.states[c.status].label.en) : c.status,
    final: c.final,
    yourRoles: rolesOf(v, c),
    initiator: party(c.initiatorAuthorityId, c.initiatorCountry, directory),
    countries: c.countries,
    startedAt: c.startedAt.toISOString(),
    nextDueAt: iso(c.nextDueAt),
    flags: c.flags,
  };
}

/**
 * IMI's need-to-know rule: until the case is accepted, the other side sees the questions of the
 * opening form but not the answers it marks as personal data. Procedures with no acceptance step
 * (alerts, notifications) are meant to be read on receipt.
 */
function hidesPersonalData(d: ProcedureV2 | undefined, roles: string[], events: CaseEventRow[]): boolean {
  const starter = d?.start.by ?? 'requester';
  if (roles.includes(starter)) return false;
  const accepted = d ? d.scoreboard?.accepted : 'accept';
  return accepted !== undefined && !events.some((e) => e.action === accepted);
}

/**
 * Answers are stored language-neutral (option codes, dates, numbers); each reader gets the labels
 * of the questions and of the chosen options in their own language.
 */
function answersView(prefix: string, form: Form | undefined, answers: Record<string, unknown>, hide: boolean, tr: Translator) {
  const questions = new Map((form?.questions ?? []).map((q) => [q.id, q]));
  return Object.entries(answers).map(([id, value]) => {
    const q = questions.get(id);
    const personalData = q?.personalData ?? false;
    const redacted = personalData && hide;
    const optionLabel = (code: unknown) => {
      const o = q?.options?.find((x) => x.code === code);
      return o ? tr.t(`${prefix}.${id}.${o.code}`, o.label.en) : String(code);
    };
    const display = redacted || !q?.options ? undefined : Array.isArray(value) ? value.map(optionLabel) : optionLabel(value);
    return {
      question: id,
      label: q ? tr.t(`${prefix}.${id}`, q.label.en) : id,
      type: q?.type ?? 'text',
      personalData,
      value: redacted ? null : value,
      ...(display !== undefined ? { display } : {}),
      redacted,
    };
  });
}

/** Actions the caller's roles allow in the current state. */
export function availableActions(d: ProcedureV2 | undefined, c: CaseRow, roles: string[], tr: Translator) {
  if (!d || c.final) return [];
  return Object.entries(d.actions)
    .filter(([, a]) => a.from.includes(c.status) && a.by.some((r) => roles.includes(r)))
    // A reply date is proposed, then decided: one at a time.
    .filter(([, a]) => (a.effect === 'decide-reply-date' ? c.pendingReplyDate : a.effect === 'propose-reply-date' ? !c.pendingReplyDate : true))
    .map(([id, a]) => ({ id, label: tr.t(`${d.id}.action.${id}`, a.label.en) }));
}

/** `procedure` is undefined for cases started on format-1 definitions, which the store does not hold. */
export function caseView(
  c: CaseRow,
  events: CaseEventRow[],
  v: Viewer,
  d: ProcedureV2 | undefined,
  directory: Map<string, Authority>,
  tr: Translator,
  machineTranslations: CaseTranslationRow[] = [],
): CaseViewT {
  const mt = new Map(machineTranslations.filter((m) => m.targetLanguage === tr.language).map((m) => [m.seq, m]));
  const roles = rolesOf(v, c);
  const startForm = d?.start.form ?? 'request';
  const hide = hidesPersonalData(d, roles, events);
  return {
    id: c.id,
    procedure: { id: c.procedureId, version: c.procedureVersion, code: d?.code ?? c.procedureId, kind: c.kind, title: d ? tr.t(`${d.id}.title`, d.title.en) : c.procedureId },
    status: c.status,
    statusLabel: d?.states[c.status] ? tr.t(`${d.id}.state.${c.status}`, d.states[c.status].label.en) : c.status,
    final: c.final,
    yourRoles: roles,
    roleLabels: d ? Object.fromEntries(Object.entries(d.roles).map(([id, r]) => [id, tr.t(`${d.id}.role.${id}`, r.label.en)])) : {},
    workflow: { id: c.workflowId, type: c.workflowType },
    parties: Object.fromEntries(Object.entries(c.parties).map(([role, ps]) => [role, ps.map((p) => party(p.authorityId, p.country, directory))])),
    deadlines: Object.entries(c.deadlines)
      .sort(([, a], [, b]) => a.localeCompare(b))
      .map(([id, due]) => ({ id, label: d?.deadlines[id] ? tr.t(`${d.id}.deadline.${id}`, d.deadlines[id].label.en) : id, due })),
    replyDate: { requested: c.requestedReplyBy, agreed: c.agreedReplyBy, pending: c.pendingReplyDate ?? null },
    flags: c.flags,
    escalations: c.escalations,
    startedBy: c.startedBy,
    startedAt: c.startedAt.toISOString(),
    finishedAt: iso(c.finishedAt),
    message: c.message,
    forms: Object.fromEntries(
      Object.entries(c.answers).map(([formId, answers]) => [
        formId,
        answersView(`${c.procedureId}.form.${formId}`, d?.forms[formId] as Form | undefined, answers, hide && formId === startForm, tr),
      ]),
    ),
    ratings: c.ratingTimeliness !== null || c.ratingEfforts !== null ? { timeliness: c.ratingTimeliness, efforts: c.ratingEfforts } : null,
    availableActions: availableActions(d, c, roles, tr),
    timeline: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      label: eventLabel(d, e.action, tr),
      at: e.at.toISOString(),
      actor: e.actorLogin ? { login: e.actorLogin, authorityId: e.actorAuthorityId ?? '' } : null,
      payload: e.payload,
      ...(mt.has(e.seq) ? { machineTranslation: machineTranslationView(mt.get(e.seq)!) } : {}),
    })),
    // Last: every label above has been looked up by now.
    language: { used: tr.language, untranslated: tr.untranslated },
  };
}

/** The free text of an event in the reader's language: beside the original, marked as machine made. */
function machineTranslationView(m: CaseTranslationRow) {
  return {
    language: m.targetLanguage,
    from: m.sourceLanguage,
    status: m.status as 'pending' | 'retrying' | 'done' | 'unsupported',
    text: m.text,
    engine: m.engine,
    route: m.route,
    note: m.note,
  };
}

/** What an event says in the reader's language: the action's label, or a deadline's reminder or expiry. */
function eventLabel(d: ProcedureV2 | undefined, action: string, tr: Translator): string {
  const ui = TIMELINE_STRINGS[tr.language];
  if (action === 'start') return ui.started;
  if (!d) return action;
  if (d.actions[action]) return tr.t(`${d.id}.action.${action}`, d.actions[action].label.en);
  const timer = action.match(/^(.*)-(reminder|expired)$/);
  const deadline = timer && d.deadlines[timer[1]];
  if (!timer || !deadline) return action;
  return ui[timer[2] as 'reminder' | 'expired'].replace('{deadline}', tr.t(`${d.id}.deadline.${timer[1]}`, deadline.label.en));
}
