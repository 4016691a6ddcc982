import { Type } from '@sinclair/typebox';
import { findProcedureVersion, latestProcedure, latestProcedures, procedureVersions, publishProcedure } from '../../db/procedures.js';
import type { ProcedureRow } from '../../db/schema/index.js';
import { checkProcedure } from '../../policy-areas/check.js';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import type { Scenario } from '../../worker/dry-run.js';
import type { App, AppDeps, Authenticate } from '../app.js';
import { forbidden, invalidFields, notFound, unprocessable, versionConflict } from '../errors.js';
import { problemResponses } from '../schemas.js';

const ProcedureSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  code: Type.String(),
  area: Type.Object({ id: Type.String(), title: Type.String() }),
  title: Type.String(),
  legalBasis: Type.String(),
  kind: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
});
const VersionEntry = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  source: Type.String({ description: 'catalog: shipped in policy-areas/; api: published by a policy owner' }),
  hash: Type.String({ description: 'SHA-256 of the definition' }),
});
const Definition = Type.Unknown({ description: 'A procedure definition (format 2), see /schemas/procedure.schema.json' });

const DryRunBody = Type.Object(
  {
    definition: Definition,
    scenario: Type.Object(
      {
        countries: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1 }))),
        start: Type.Optional(
          Type.Object(
            { answers: Type.Optional(Type.Record(Type.String(), Type.Unknown())), message: Type.Optional(Type.String()), replyBy: Type.Optional(Type.String()) },
            { additionalProperties: false },
          ),
        ),
        steps: Type.Array(
          Type.Object(
            {
              afterDays: Type.Optional(Type.Number({ minimum: 0, maximum: 3660 })),
              as: Type.Optional(Type.String()),
              action: Type.Optional(Type.String()),
              input: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            },
            { additionalProperties: false },
          ),
          { maxItems: 200 },
        ),
      },
      { additionalProperties: false, description: 'Who does what, after how many days; dates may be "+N" (N days after the start)' },
    ),
  },
  { additionalProperties: false },
);

export async function procedureRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const { db, catalog } = deps;
  const summary = (row: ProcedureRow) => {
    const d = row.definition;
    const area = catalog.areas.get(d.area);
    return {
      id: d.id,
      version: d.version,
      code: d.code,
      area: { id: d.area, title: area?.title.en ?? d.area },
      title: d.title.en,
      legalBasis: d.legalBasis,
      kind: d.kind,
      publishedAt: row.publishedAt.toISOString(),
    };
  };

  app.get(
    '/v1/procedures',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description: 'The procedures a case can be started with, each at its newest version.',
        querystring: Type.Object({ area: Type.Optional(Type.String()), kind: Type.Optional(Type.String()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ProcedureSummary) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { area, kind } = request.query;
      const rows = (await latestProcedures(db)).filter((r) => (!area || r.area === area) && (!kind || r.kind === kind));
      return { items: rows.map(summary) };
    },
  );

  app.get(
    '/v1/procedures/:id',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description: 'A procedure’s definition: roles, states, actions, forms and deadlines. The newest version, or the one asked for.',
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ summary: ProcedureSummary, definition: Definition }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { version } = request.query;
      const row = version ? await findProcedureVersion(db, id, version) : await latestProcedure(db, id);
      if (!row) throw notFound(version ? `procedure ${id} has no version ${version}` : `no procedure ${id}`);
      return { summary: summary(row), definition: row.definition };
    },
  );

  app.get(
    '/v1/procedures/:id/versions',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description: 'Every published version of a procedure, newest first. Published versions never change.',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Type.Object({ id: Type.String(), items: Type.Array(VersionEntry) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const rows = await procedureVersions(db, request.params.id);
      if (rows.length === 0) throw notFound(`no procedure ${request.params.id}`);
      return {
        id: request.params.id,
        items: rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy, source: r.source, hash: r.hash })),
      };
    },
  );

  app.post(
    '/v1/procedures',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description:
          'Publish a new procedure, or a new version of one (policy owners). The definition is checked as `npm run procedures:check` does; ' +
          'every problem is listed and nothing is published. It can be started at once; running cases keep their version.',
        body: Definition,
        response: { 201: Type.Object({ summary: ProcedureSummary }), 200: Type.Object({ summary: ProcedureSummary }), ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const official = request.official!;
      if (!official.roles.includes('policy-owner')) throw forbidden('only policy owners may publish procedures');
      const problems = checkProcedure(request.body, new Set(catalog.areas.keys()));
      if (problems.length) {
        throw unprocessable('invalid-definition', `the definition has ${problems.length} problem(s)`, problems.map((p) => ({ path: p.path, message: p.message })));
      }
      const d = request.body as ProcedureV2;
      // Policy owners answer for the legal areas their service is registered for.
      if (!official.authority.areas.includes(d.area)) throw forbidden(`your service is not registered for ${d.area}`);
      const latest = await latestProcedure(db, d.id);
      if (latest && d.version < latest.version) {
        throw versionConflict(`${d.id} is published up to version ${latest.version}: a new version must be numbered ${latest.version + 1} or later`);
      }
      const outcome = await publishProcedure(db, d, 'api', official.login);
      if (outcome.status === 'conflict') {
        throw versionConflict(`${d.id} version ${d.version} is already published with other content; published versions are immutable`);
      }
      reply.status(outcome.status === 'published' ? 201 : 200).header('location', `/v1/procedures/${d.id}?version=${d.version}`);
      return { summary: summary(outcome.row) };
    },
  );

  app.post(
    '/v1/procedures/dry-runs',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description:
          'Run a draft definition through a scripted scenario on a private time-skipping Temporal server (policy owners): ' +
          'the path taken, the timers that fired, and where it ended. Nothing is published or recorded.',
        body: DryRunBody,
        response: { 200: Type.Unknown({ description: 'The dry run report' }), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      if (!request.official!.roles.includes('policy-owner')) throw forbidden('only policy owners may dry-run procedures');
      const { definition, scenario } = request.body;
      const problems = checkProcedure(definition, new Set(catalog.areas.keys()));
      if (problems.length) throw unprocessable('invalid-definition', `the definition has ${problems.length} problem(s)`, problems);
      const d = definition as ProcedureV2;
      const unknown = scenario.steps.flatMap((s, i) => [
        ...(s.action && !d.actions[s.action] ? [{ path: `body.scenario.steps.${i}.action`, message: `${d.id} has no action ${s.action}` }] : []),
        ...(s.as && !d.roles[s.as] ? [{ path: `body.scenario.steps.${i}.as`, message: `${d.id} has no role ${s.as}` }] : []),
      ]);
      if (unknown.length) throw invalidFields(unknown);
      return deps.dryRun(d, scenario as Scenario);
    },
  );
}
