import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { translator } from '../../policy-areas/i18n.js';
import { caseTimeline, canSee, findAuthorities, findCase, listCases, machineTranslations, type OfficialWithAuthority } from '../../db/queries.js';
import { latestProcedure } from '../../db/procedures.js';
import { IMPORTED_HISTORY, type CaseRow } from '../../db/schema/index.js';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import { validateAnswers, type Answers, type Form, type FormProblem } from '../../policy-areas/types.js';
import { CASE_ACTIONS, type InterpretedCaseInput } from '../../workflows/contract.js';
import type { ActionInput } from '../../workflows/interpreter.js';
import { type App, type AppDeps, type Authenticate, viewerOf } from '../app.js';
import { caseSummary, caseView, partyIds } from '../case-view.js';
import { badRequest, conflict, forbidden, importedHistory, invalidFields, notFound, unprocessable } from '../errors.js';
import { actorOf, caseIdFor, requestHash } from '../idempotency.js';
import { resolveRecipients, resolveStartParties } from '../parties.js';
import { ActionBody, CaseSummary, CaseView, CreateCaseBody, problemResponses } from '../schemas.js';
import { checkReplyDate } from '../dates.js';
import { definitionCache } from '../definitions.js';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Repeat a request safely: the same key gives the same result' })),
});
const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ActionParams = Type.Object({ id: Type.String({ format: 'uuid' }), action: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }) });


export async function caseRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const { db, gateway } = deps;

  const definitionOf = definitionCache(db);
  const translatorFor = (request: FastifyRequest) => translator(deps.translations, request.language ?? 'en');

  async function view(row: CaseRow, request: FastifyRequest) {
    const [events, directory, definition, translations] = await Promise.all([
      caseTimeline(db, row.id),
      findAuthorities(db, partyIds(row)),
      definitionOf(row),
      machineTranslations(db, row.id, request.language ?? 'en'),
    ]);
    return caseView(row, events, viewerOf(request.official!), definition, directory, translatorFor(request), translations);
  }

  async function visibleCase(id: string, official: OfficialWithAuthority): Promise<CaseRow> {
    const row = await findCase(db, id);
    if (!row) throw notFound(`no case ${id}`);
    if (!canSee(viewerOf(official), row)) throw forbidden('your authority takes no part in this case');
    return row;
  }

  app.post(
    '/v1/cases',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cases'],
        description:
          'Start a case on the newest version of a procedure: a request, an alert, a notification, an application. ' +
          'The case keeps that version until it ends.',
        headers: IdempotencyHeaders,
        body: CreateCaseBody,
        response: { 200: Type.Ref(CaseView), 201: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const official = request.official!;
      const body = request.body;
      if (!official.roles.includes('official')) throw forbidden('only officials may start cases');
      const d = (await latestProcedure(db, body.procedure))?.definition;
      if (!d) throw badRequest(`unknown procedure ${body.procedure}`, [{ path: 'body.procedure', message: 'is not a published procedure' }]);
      if (!official.authority.areas.includes(d.area)) throw forbidden(`your authority is not registered for ${d.area}`);

      const problems: FormProblem[] = [];
      const parties = await resolveStartParties(db, d, official, body, problems);
      const answers = (body.answers ?? {}) as Answers;
      if (d.start.form) problems.push(...validateAnswers(d.forms[d.start.form] as Form, answers, { pathPrefix: 'body.answers' }));
      else if (Object.keys(answers).length) problems.push({ path: 'body.answers', message: `${d.id} starts without a form` });
      if (d.start.replyDate === 'required' && body.replyBy === undefined) problems.push({ path: 'body.replyBy', message: 'is required' });
      if (!d.start.replyDate && body.replyBy !== undefined) problems.push({ path: 'body.replyBy', message: `${d.id} has no reply date` });
      if (body.replyBy !== undefined) checkReplyDate(body.replyBy, 'body.replyBy', problems, (deps.clock ?? Date.now)());
      if (problems.length) throw invalidFields(problems);

      const key = request.headers['idempotency-key'];
      const caseId = caseIdFor(official.login, key);
      const hash = requestHash(body);
      const existing = key ? await findCase(db, caseId) : undefined;
      if (!existing) {
        const input: InterpretedCaseInput = {
          caseId,
          procedure: d,
          parties,
          startedBy: actorOf(official),
          answers,
          message: body.message,
          replyBy: body.replyBy,
          requestHash: hash,
          searchAttributes: deps.searchAttributes,
        };
        await gateway.open(input);
        const row = (await findCase(db, caseId))!;
        if (row.requestHash !== hash) throw idempotencyMismatch();
        reply.status(201).header('location', `/v1/cases/${caseId}`);
        return view(row, request);
      }
      if (existing.requestHash !== hash) throw idempotencyMismatch();
      reply.status(200).header('location', `/v1/cases/${caseId}`).header('idempotent-replayed', 'true');
      return view(existing, request);
    },
  );

  app.get(
    '/v1/cases',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cases'],
        description: "The cases the caller's authority takes part in (and, for coordinators, those escalated to their country).",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Array(Type.String(), { description: 'One or more statuses' })),
            role: Type.Optional(Type.String({ description: 'A role of the procedure the caller holds, or "coordinator"' })),
            flag: Type.Optional(Type.String({ description: 'Cases with this flag, e.g. not-accepted-in-time' })),
            overdue: Type.Optional(Type.Boolean({ description: 'Cases flagged overdue (past their agreed reply date), or not' })),
            final: Type.Optional(Type.Boolean({ description: 'Ended cases, or open ones' })),
            procedure: Type.Optional(Type.String()),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(CaseSummary)), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request.official!);
      const q = request.query;
      const { items, total } = await listCases(db, viewer, q);
      const [directory, defs] = await Promise.all([findAuthorities(db, items.map((c) => c.initiatorAuthorityId)), Promise.all(items.map(definitionOf))]);
      const tr = translatorFor(request);
      return { items: items.map((c, i) => caseSummary(c, viewer, directory, defs[i], tr)), total, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cases'],
        description: 'A case: status, running deadlines, flags, parties, answers, what the caller may do, the timeline, and its Temporal workflow.',
        params: CaseParams,
        response: { 200: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => view(await visibleCase(request.params.id, request.official!), request),
  );

  app.post(
    '/v1/cases/:id/actions/:action',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cases'],
        description:
          'Take one of the procedure’s actions (see availableActions on the case and the procedure’s definition). ' +
          'Refused with 409 when the case is not in a state that allows it (or is imported history, which is read-only), ' +
          '403 when the caller’s role may not take it.',
        params: ActionParams,
        headers: IdempotencyHeaders,
        body: ActionBody,
        response: { 200: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const official = request.official!;
      const { action } = request.params;
      const row = await visibleCase(request.params.id, official);
      // Without this, Temporal would answer that the workflow does not exist.
      if (row.workflowType === IMPORTED_HISTORY) throw importedHistory(row.id);
      const d = await definitionOf(row);
      const known = d ? action in d.actions : (CASE_ACTIONS as readonly string[]).includes(action);
      if (!known) throw notFound(`${row.procedureId} version ${row.procedureVersion} has no action ${action}`);
      if (row.final) throw conflict(`the case is ${row.status}`);
      const { recipientCountries, recipients, ...rest } = request.body;
      const input: ActionInput = { ...(rest as ActionInput) };
      const problems: FormProblem[] = [];
      if (input.toAuthorityId) {
        const to = (await findAuthorities(db, [input.toAuthorityId])).get(input.toAuthorityId);
        if (!to) problems.push({ path: 'body.toAuthorityId', message: 'is not a registered authority' });
        else {
          input.toCountry = to.country;
          if (to.languages[0]) input.toLanguage = to.languages[0];
        }
      }
      if (recipients || recipientCountries) {
        if (!d) problems.push({ path: 'body.recipients', message: 'this case has no recipients' });
        else input.recipients = await resolveRecipients(db, d, { recipients, recipientCountries }, problems);
      }
      if (problems.length) throw invalidFields(problems);
      await gateway.act(row.id, action, { actor: actorOf(official), input }, request.headers['idempotency-key']);
      return view((await findCase(db, row.id))!, request);
    },
  );
}

function idempotencyMismatch() {
  return unprocessable('idempotency-key-reused', 'this Idempotency-Key was already used for a different request');
}
