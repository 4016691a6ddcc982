import { Type } from '@sinclair/typebox';
import { caseTimeline, canSee, findAuthorities, findCase, listCases } from '../../db/queries.js';
import type { CaseRow } from '../../db/schema/index.js';
import { isIsoDate, validateAnswers, type Answers } from '../../policy-areas/types.js';
import { CASE_ACTIONS, type CaseAction, type CaseInput } from '../../workflows/contract.js';
import { type App, type AppDeps, type Authenticate, viewerOf } from '../app.js';
import { caseSummary, caseView } from '../case-view.js';
import { actorOf, caseIdFor, requestHash } from '../idempotency.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../errors.js';
import {
  ActionBodies,
  ActionDescriptions,
  CaseStatus,
  CaseSummary,
  CaseView,
  CreateCaseBody,
  problemResponses,
} from '../schemas.js';
import type { OfficialWithAuthority } from '../../db/queries.js';

const DAY = 86_400_000;
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Repeat a request safely: the same key gives the same result' })),
});
const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const FINAL = new Set(['withdrawn']);

export async function caseRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const { db, catalog, gateway } = deps;

  async function view(row: CaseRow, official: OfficialWithAuthority) {
    const [events, directory] = await Promise.all([
      caseTimeline(db, row.id),
      findAuthorities(db, [row.requesterAuthorityId, row.responderAuthorityId]),
    ]);
    return caseView(row, events, viewerOf(official), catalog.procedures.get(row.procedureId), directory);
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
        description: 'Send a request to an authority in another country. It must accept within one week.',
        headers: IdempotencyHeaders,
        body: CreateCaseBody,
        response: { 200: Type.Ref(CaseView), 201: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const official = request.official!;
      const body = request.body;
      if (!official.roles.includes('official')) throw forbidden('only officials may send requests');
      const procedure = catalog.procedures.get(body.procedure);
      if (!procedure) throw badRequest(`unknown procedure ${body.procedure}`, [{ path: 'body.procedure', message: 'is not a published procedure' }]);
      if (!official.authority.areas.includes(procedure.area)) {
        throw forbidden(`your authority is not registered for ${procedure.area}`);
      }
      const responder = (await findAuthorities(db, [body.responderAuthorityId])).get(body.responderAuthorityId);
      const problems = validateAnswers(procedure.request, body.answers as Answers, { pathPrefix: 'body.answers' });
      if (!responder) problems.push({ path: 'body.responderAuthorityId', message: 'is not a registered authority' });
      else if (responder.country === official.authority.country) {
        problems.push({ path: 'body.responderAuthorityId', message: 'must be an authority in another country' });
      }
      const now = Date.now();
      const latest = new Date(now + procedure.deadlines.maxReplyDays * DAY).toISOString().slice(0, 10);
      if (!isIsoDate(body.replyBy)) problems.push({ path: 'body.replyBy', message: 'must be a date (YYYY-MM-DD)' });
      else if (body.replyBy <= new Date(now).toISOString().slice(0, 10)) problems.push({ path: 'body.replyBy', message: 'must be after today' });
      else if (body.replyBy > latest) problems.push({ path: 'body.replyBy', message: `must be on or before ${latest}` });
      if (problems.length) throw badRequest(problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);

      const key = request.headers['idempotency-key'];
      const caseId = caseIdFor(official.login, key);
      const hash = requestHash(body);
      const existing = key ? await findCase(db, caseId) : undefined;
      if (!existing) {
        const input: CaseInput = {
          caseId,
          procedure,
          requester: { authorityId: official.authorityId, country: official.authority.country },
          responder: { authorityId: responder!.id, country: responder!.country },
          submittedBy: actorOf(official),
          answers: body.answers as Answers,
          message: body.message,
          replyBy: body.replyBy,
          requestHash: hash,
          searchAttributes: deps.searchAttributes,
        };
        const snapshot = await gateway.open(input);
        if (snapshot.requestHash !== hash) throw idempotencyMismatch();
        reply.status(201).header('location', `/v1/cases/${caseId}`);
        return view((await findCase(db, caseId))!, official);
      }
      if (existing.requestHash !== hash) throw idempotencyMismatch();
      reply.status(200).header('location', `/v1/cases/${caseId}`).header('idempotent-replayed', 'true');
      return view(existing, official);
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
            status: Type.Optional(Type.Array(CaseStatus, { description: 'One or more statuses' })),
            role: Type.Optional(Type.Union([Type.Literal('requester'), Type.Literal('responder'), Type.Literal('coordinator')])),
            overdue: Type.Optional(Type.Boolean()),
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
      const directory = await findAuthorities(db, items.flatMap((c) => [c.requesterAuthorityId, c.responderAuthorityId]));
      return { items: items.map((c) => caseSummary(c, viewer, directory)), total, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cases'],
        description: 'A case: status, deadlines, flags, parties, timeline, and the Temporal workflow behind it.',
        params: CaseParams,
        response: { 200: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => view(await visibleCase(request.params.id, request.official!), request.official!),
  );

  for (const action of CASE_ACTIONS) {
    app.post(
      `/v1/cases/:id/actions/${action}`,
      {
        onRequest: authenticate,
        schema: {
          tags: ['case actions'],
          description: `${ActionDescriptions[action]} Refused with 409 when the case is not in a state that allows it.`,
          params: CaseParams,
          headers: IdempotencyHeaders,
          body: ActionBodies[action],
          response: { 200: Type.Ref(CaseView), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const official = request.official!;
        const row = await visibleCase(request.params.id, official);
        if (FINAL.has(row.status)) throw conflict(`the case is ${row.status}`);
        const input = { ...(request.body as Record<string, unknown>) };
        if (action === 'forward') {
          const to = (await findAuthorities(db, [String(input.toAuthorityId)])).get(String(input.toAuthorityId));
          if (!to) throw badRequest(`no authority ${input.toAuthorityId}`, [{ path: 'body.toAuthorityId', message: 'is not a registered authority' }]);
          input.toCountry = to.country;
        }
        await gateway.act(row.id, action as CaseAction, { actor: actorOf(official), input: input as never }, request.headers['idempotency-key']);
        return view((await findCase(db, row.id))!, official);
      },
    );
  }
}

function idempotencyMismatch() {
  return unprocessable('idempotency-key-reused', 'this Idempotency-Key was already used for a different request');
}
