import { Type, type Static } from '@sinclair/typebox';
import { latestProcedure } from '../../db/procedures.js';
import type { OfficialWithAuthority } from '../../db/queries.js';
import { casesNeedingAttention, escalations, type SupervisionFilter, type SupervisionScope } from '../../db/supervision.js';
import { translator } from '../../policy-areas/i18n.js';
import type { App, AppDeps, Authenticate } from '../app.js';
import { definitionCache } from '../definitions.js';
import { invalidFields } from '../errors.js';
import { problemResponses } from '../schemas.js';

/** What each role may supervise (imi.md §3.1): the union applies to officials with several roles. */
export function supervisionScope(o: OfficialWithAuthority): SupervisionScope {
  const coordinator = o.roles.includes('coordinator');
  return {
    all: o.roles.includes('imi-team'),
    countries: coordinator ? [{ country: o.authority.country, areas: o.coordinatorAreas.length ? o.coordinatorAreas : null }] : [],
    areas: o.roles.includes('policy-owner') ? o.authority.areas : [],
    authorityId: o.authorityId,
  };
}

const Filters = {
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'Cases with a party in this country' })),
  authority: Type.Optional(Type.String({ maxLength: 100, description: 'Cases this authority takes part in' })),
  area: Type.Optional(Type.String({ maxLength: 100 })),
  procedure: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};
const OverdueQuery = Type.Object(
  { ...Filters, withinDays: Type.Integer({ minimum: 0, maximum: 366, default: 7, description: 'Also list cases with a deadline falling due within this many days' }) },
  { additionalProperties: false },
);
const EscalationQuery = Type.Object({ ...Filters, handled: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const Due = Type.Object({ id: Type.String(), label: Type.String(), due: Type.String() });
const Attention = Type.Object({
  id: Type.String(),
  procedureId: Type.String(),
  procedureVersion: Type.Integer(),
  area: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusLabel: Type.String(),
  reasons: Type.Array(Type.Union([Type.Literal('not-accepted-in-time'), Type.Literal('past-reply-date'), Type.Literal('past-legal-deadline'), Type.Literal('due-soon')])),
  lapsed: Type.Array(Due),
  nextDeadline: Type.Union([Due, Type.Null()]),
  countries: Type.Array(Type.String()),
  initiatorCountry: Type.String(),
  parties: Type.Record(Type.String(), Type.Array(Type.Object({ authorityId: Type.String(), country: Type.String() }))),
  startedAt: Type.String(),
  href: Type.String(),
});
const Counts = Type.Object({
  notAcceptedInTime: Type.Integer(),
  pastReplyDate: Type.Integer(),
  pastLegalDeadline: Type.Integer(),
  dueSoon: Type.Integer(),
  total: Type.Integer(),
});
const Escalation = Type.Object({
  caseId: Type.String(),
  procedureId: Type.String(),
  status: Type.String(),
  role: Type.String(),
  country: Type.String(),
  escalatedAt: Type.String(),
  handledBy: Type.Union([Type.Object({ login: Type.String(), authorityId: Type.String(), action: Type.String(), at: Type.String() }), Type.Null()]),
  href: Type.String(),
});

const REASON = { acceptance: 'not-accepted-in-time', 'reply-date': 'past-reply-date', legal: 'past-legal-deadline' } as const;

export async function supervisionRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const { db, catalog } = deps;
  const definitionOf = definitionCache(db);
  const now = () => new Date(deps.clock?.() ?? Date.now());

  async function filterOf(q: Static<typeof OverdueQuery> | Static<typeof EscalationQuery>): Promise<SupervisionFilter> {
    const problems = [];
    if (q.area && !catalog.areas.has(q.area)) problems.push({ path: '/area', message: `unknown legal area "${q.area}"` });
    // Procedures published through the API are not in the shipped catalogue.
    if (q.procedure && !catalog.procedures.has(q.procedure) && !(await latestProcedure(db, q.procedure))) {
      problems.push({ path: '/procedure', message: `unknown procedure "${q.procedure}"` });
    }
    if (problems.length) throw invalidFields(problems);
    return { country: q.country, authorityId: q.authority, area: q.area, procedureId: q.procedure };
  }
  const scopeNote =
    'Scoped to what the caller supervises: the Commission IMI team sees every case; coordinators the cases with a party in their country ' +
    '(area coordinators: in their areas); policy owners the cases of their legal areas; any official the cases of their own authority.';

  app.get(
    '/v1/supervision/overdue',
    {
      onRequest: authenticate,
      schema: {
        tags: ['supervision'],
        description: `Open cases past a deadline (not accepted within the week, past the agreed reply date, past a legal deadline) or with one falling due within \`withinDays\`: counts and a page of cases, most overdue first. ${scopeNote}`,
        querystring: OverdueQuery,
        response: { 200: Type.Object({ asOf: Type.String(), withinDays: Type.Integer(), counts: Counts, cases: Type.Array(Attention) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const asOf = now();
      const until = new Date(asOf.getTime() + q.withinDays * 86_400_000);
      const tr = translator(deps.translations, request.language ?? 'en');
      const found = await casesNeedingAttention(db, supervisionScope(request.official!), await filterOf(q), until, q);
      const cases = await Promise.all(
        found.cases.map(async (c) => {
          const d = await definitionOf(c);
          const label = (id: string) => (d?.deadlines[id] ? tr.t(`${d.id}.deadline.${id}`, d.deadlines[id].label.en) : id);
          const lapsed = Object.entries(c.lapsed).sort(([, a], [, b]) => a.due.localeCompare(b.due));
          const next = Object.entries(c.deadlines).sort(([, a], [, b]) => a.localeCompare(b))[0];
          const soon = next && Date.parse(next[1]) <= until.getTime();
          return {
            ...c,
            statusLabel: d?.states[c.status] ? tr.t(`${d.id}.state.${c.status}`, d.states[c.status].label.en) : c.status,
            reasons: [...new Set(lapsed.map(([, l]) => REASON[l.kind])), ...(soon ? ['due-soon' as const] : [])],
            lapsed: lapsed.map(([id, l]) => ({ id, label: label(id), due: l.due })),
            nextDeadline: next ? { id: next[0], label: label(next[0]), due: next[1] } : null,
            href: `/v1/cases/${c.id}`,
          };
        }),
      );
      return { asOf: asOf.toISOString(), withinDays: q.withinDays, counts: found.counts, cases };
    },
  );

  app.get(
    '/v1/supervision/escalations',
    {
      onRequest: authenticate,
      schema: {
        tags: ['supervision'],
        description: `Escalations to coordinators, newest first, with who took each up: the first official of the escalated country to act on the case afterwards. ${scopeNote}`,
        querystring: EscalationQuery,
        response: { 200: Type.Object({ total: Type.Integer(), escalations: Type.Array(Escalation) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const found = await escalations(db, supervisionScope(request.official!), { ...(await filterOf(q)), handled: q.handled }, q);
      return { total: found.total, escalations: found.escalations.map((e) => ({ ...e, href: `/v1/cases/${e.caseId}` })) };
    },
  );
}
