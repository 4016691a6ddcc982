import { Type } from '@sinclair/typebox';
import type { App, AppDeps, Authenticate } from '../app.js';
import { notFound } from '../errors.js';
import { problemResponses } from '../schemas.js';

const ProcedureSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  area: Type.Object({ id: Type.String(), title: Type.String() }),
  title: Type.String(),
  legalBasis: Type.String(),
  kind: Type.String(),
});

export async function procedureRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const summary = (id: string) => {
    const p = deps.catalog.procedures.get(id)!;
    const area = deps.catalog.areas.get(p.area)!;
    return { id: p.id, version: p.version, area: { id: area.id, title: area.title.en }, title: p.title.en, legalBasis: p.legalBasis, kind: p.kind };
  };

  app.get(
    '/v1/procedures',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description: 'The procedures a case can be started with.',
        response: { 200: Type.Object({ items: Type.Array(ProcedureSummary) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: [...deps.catalog.procedures.keys()].sort().map(summary) }),
  );

  app.get(
    '/v1/procedures/:id',
    {
      onRequest: authenticate,
      schema: {
        tags: ['procedures'],
        description: 'A procedure with its deadlines and forms: the request form the requester fills in, the reply form the responder fills in.',
        params: Type.Object({ id: Type.String() }),
        response: {
          200: Type.Intersect([
            ProcedureSummary,
            Type.Object({
              deadlines: Type.Record(Type.String(), Type.Integer()),
              request: Type.Object({ questions: Type.Array(Type.Unknown()) }),
              reply: Type.Object({ questions: Type.Array(Type.Unknown()) }),
            }),
          ]),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const p = deps.catalog.procedures.get(request.params.id);
      if (!p) throw notFound(`no procedure ${request.params.id}`);
      return { ...summary(p.id), deadlines: { ...p.deadlines }, request: p.request, reply: p.reply };
    },
  );
}
