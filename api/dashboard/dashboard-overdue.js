// @ts-check
/**
 * The live list of cases needing attention (GET /v1/supervision/overdue): past a deadline, or with
 * one falling due within a week. Read again every few seconds; each row links to its case.
 */
import { countryName, format, getJson, h, showError } from './dom.js';

const REFRESH_MS = 5000;
const WITHIN_DAYS = 7;
const REASONS = {
  'not-accepted-in-time': 'not accepted in time',
  'past-reply-date': 'past the agreed reply date',
  'past-legal-deadline': 'past a legal deadline',
  'due-soon': `due within ${WITHIN_DAYS} days`,
};

/**
 * @typedef {{ id: string, label: string, due: string }} Due
 * @typedef {{ id: string, procedureId: string, status: string, statusLabel?: string, reasons: (keyof typeof REASONS)[],
 *   nextDeadline: Due | null, lapsed?: Due[], countries: string[], startedAt: string, href: string }} AttentionCase
 * @typedef {{ asOf: string, counts: { notAcceptedInTime: number, pastReplyDate: number, pastLegalDeadline?: number, dueSoon: number, total?: number },
 *   cases: AttentionCase[] }} Overdue
 */

/** @param {Overdue['counts']} c */
function counts(c) {
  const items = [
    ['Not accepted in time', c.notAcceptedInTime],
    ['Past the agreed reply date', c.pastReplyDate],
    ['Past a legal deadline', c.pastLegalDeadline ?? 0],
    [`Due within ${WITHIN_DAYS} days`, c.dueSoon],
  ];
  return h('dl', { class: 'counts' }, items.flatMap(([k, v]) => [h('dt', {}, [String(k)]), h('dd', {}, [format.integer(Number(v))])]));
}

/** @param {AttentionCase} c */
function row(c) {
  // The most overdue deadline first; else the next one to fall due.
  const due = c.lapsed?.[0] ?? c.nextDeadline;
  const overdue = c.reasons.some((r) => r !== 'due-soon');
  return h('tr', { class: overdue ? 'overdue' : 'due-soon', 'data-case': c.id }, [
    h('td', {}, [h('a', { href: c.href }, [c.id.slice(0, 8)])]),
    h('td', {}, [c.procedureId]),
    h('td', {}, [c.statusLabel ?? c.status]),
    h('td', {}, [c.reasons.map((r) => REASONS[r] ?? r).join('; ')]),
    h('td', {}, [h('abbr', { title: c.countries.map(countryName).join(', ') }, [c.countries.join(', ')])]),
    h('td', {}, due ? [h('time', { datetime: due.due }, [format.dateTime(due.due)]), ` (${due.label})`] : ['–']),
  ]);
}

/**
 * @param {Element} target
 * @param {Overdue} data
 */
function render(target, data) {
  const head = ['Case', 'Procedure', 'Status', 'Why', 'Countries', 'Due'].map((t) => h('th', { scope: 'col' }, [t]));
  const table = data.cases.length
    ? h('table', { class: 'overdue-list' }, [
        h('caption', {}, [`${format.integer(data.cases.length)} ${data.cases.length === 1 ? 'case' : 'cases'}, most overdue first`]),
        h('thead', {}, [h('tr', {}, head)]),
        h('tbody', {}, data.cases.map(row)),
      ])
    : h('p', {}, ['No case needs attention.']);
  const stamp = h('p', { class: 'as-of' }, [`Updated ${format.time(new Date(data.asOf))}, every ${REFRESH_MS / 1000} seconds.`]);
  target.replaceChildren(counts(data.counts), table, stamp);
  target.setAttribute('data-loaded', data.asOf);
}

/**
 * Loads the list now and then every REFRESH_MS, skipping reads while the tab is hidden.
 * @param {Element} target
 */
export function startOverdue(target) {
  const tick = async () => {
    if (!document.hidden) {
      try {
        render(target, await getJson(`/v1/supervision/overdue?withinDays=${WITHIN_DAYS}&limit=50`));
      } catch (err) {
        showError(target, err);
      }
    }
    // Scheduled after the answer, so a slow server never gets overlapping requests.
    setTimeout(tick, REFRESH_MS);
  };
  return tick();
}
