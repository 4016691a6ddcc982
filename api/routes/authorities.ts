import { Type } from '@sinclair/typebox';
import { authorityHistory, saveAuthority, searchAuthorities } from '../../db/directory.js';
import { findAuthorities } from '../../db/queries.js';
import { competences as competenceTable, type Authority } from '../../db/schema/index.js';
import { inArray, sql } from 'drizzle-orm';
import type { App, AppDeps, Authenticate } from '../app.js';
import { badRequest, forbidden, invalidFields, notFound } from '../errors.js';
import { problemResponses } from '../schemas.js';

const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const Level = Type.Union([Type.Literal('national'), Type.Literal('regional'), Type.Literal('local')]);
const AuthorityView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  names: Type.Record(Type.String(), Type.String()),
  country: Type.String(),
  level: Type.String(),
  address: Type.Object({ street: Type.Union([Type.String(), Type.Null()]), postcode: Type.Union([Type.String(), Type.Null()]), city: Type.Union([Type.String(), Type.Null()]), region: Type.Union([Type.String(), Type.Null()]) }),
  areas: Type.Array(Type.String()),
  procedures: Type.Array(Type.String()),
  competences: Type.Array(Type.Object({ id: Type.String(), label: Type.String() }), { description: "In the caller's language, else English" }),
  keywords: Type.Array(Type.String()),
  rank: Type.Optional(Type.Number()),
});
const AuthorityBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    names: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]{2}$' }), Type.String({ minLength: 1, maxLength: 300 }))),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { uniqueItems: true })),
    level: Level,
    street: Type.Optional(Type.String({ maxLength: 300 })),
    postcode: Type.Optional(Type.String({ maxLength: 20 })),
    city: Type.Optional(Type.String({ maxLength: 200 })),
    region: Type.Optional(Type.String({ maxLength: 200 })),
    areas: Type.Array(Type.String(), { uniqueItems: true }),
    procedures: Type.Optional(Type.Array(Type.String(), { uniqueItems: true })),
    competences: Type.Optional(Type.Array(Type.String(), { uniqueItems: true })),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
const Id = Type.Object({ id: Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9-]+$', maxLength: 100 }) });

export async function authorityRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const { db, catalog } = deps;

  async function views(rows: (Authority & { rank?: number })[], language: string) {
    const ids = [...new Set(rows.flatMap((r) => r.competences))];
    // Only the one label each: a page of results holds some 60 concepts, and reading all their terms
    // in 26 languages cost more than the search itself. The ids go as one array parameter: as a list
    // of 60 parameters the statement took longer to build than to run, and had a new text each time.
    const terms = competenceTable.terms;
    const concepts = ids.length
      ? await db
          .select({ id: competenceTable.id, label: sql<string | null>`coalesce(${terms}->${language}, ${terms}->'en')->>0` })
          .from(competenceTable)
          .where(sql`${competenceTable.id} = any(${sql.param(ids)})`)
          .prepare('competence-labels')
          .execute()
      : [];
    const label = new Map(concepts.map((c) => [c.id, c.label]));
    return rows.map((a) => ({
      id: a.id,
      name: a.name,
      nameEn: a.nameEn,
      names: a.names,
      country: a.country,
      level: a.level,
      address: { street: a.street, postcode: a.postcode, city: a.city, region: a.region },
      areas: a.areas,
      procedures: a.procedures,
      competences: a.competences.map((id) => ({ id, label: label.get(id) ?? id })),
      keywords: a.keywords,
      ...(a.rank !== undefined ? { rank: a.rank } : {}),
    }));
  }

  app.get(
    '/v1/authorities',
    {
      onRequest: authenticate,
      schema: {
        tags: ['directory'],
        description:
          'Find the competent authority in another country. `q` may be typed in any of the 26 languages: competences are pre-translated, ' +
          'accents and case are ignored, typos tolerated; best match first.',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            country: Type.Optional(Country),
            level: Type.Optional(Level),
            area: Type.Optional(Type.String()),
            procedure: Type.Optional(Type.String()),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(AuthorityView), total: Type.Integer() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.area && !catalog.areas.has(q.area)) throw badRequest(`unknown legal area ${q.area}`, [{ path: 'querystring.area', message: 'is not a legal area' }]);
      const { items, total } = await searchAuthorities(db, q);
      return { items: await views(items, request.language!), total };
    },
  );

  app.get(
    '/v1/authorities/:id',
    {
      onRequest: authenticate,
      schema: { tags: ['directory'], params: Id, response: { 200: AuthorityView, ...problemResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const a = (await findAuthorities(db, [request.params.id])).get(request.params.id);
      if (!a) throw notFound(`no authority ${request.params.id}`);
      return (await views([a], request.language!))[0];
    },
  );

  /** Coordinators keep their own country's entries (area coordinators: those of their areas, checked on save). */
  const mayMaintain = (official: { roles: string[]; authority: { country: string } }, id: string) =>
    official.roles.includes('coordinator') && id.startsWith(`${official.authority.country}-`);

  app.put(
    '/v1/authorities/:id',
    {
      onRequest: authenticate,
      schema: {
        tags: ['directory'],
        description: "Create or change an entry of the coordinator's own country (ids start with its country code). Every change is audited.",
        params: Id,
        body: AuthorityBody,
        response: { 200: AuthorityView, 201: AuthorityView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const official = request.official!;
      const { id } = request.params;
      if (!mayMaintain(official, id)) throw forbidden(`only coordinators of ${id.slice(0, 2)} may maintain its entries`);
      const b = request.body;
      const problems = b.areas.filter((a) => !catalog.areas.has(a)).map((a, i) => ({ path: `body.areas.${i}`, message: `${a} is not a legal area` }));
      const known = b.competences?.length ? await db.select({ id: competenceTable.id }).from(competenceTable).where(inArray(competenceTable.id, b.competences)) : [];
      for (const c of b.competences ?? []) if (!known.some((k) => k.id === c)) problems.push({ path: 'body.competences', message: `${c} is not in the vocabulary` });
      if (problems.length) throw invalidFields(problems);
      const before = (await findAuthorities(db, [id])).get(id);
      const existed = before !== undefined;
      // An area coordinator (LIMIC) keeps only the entries that stay within the areas it coordinates.
      const mine = official.coordinatorAreas;
      const outside = mine.length ? [...new Set([...(before?.areas ?? []), ...b.areas])].filter((a) => !mine.includes(a)) : [];
      if (outside.length) throw forbidden(`you coordinate ${mine.join(', ')}; this entry also covers ${outside.join(', ')}: its national coordinator maintains it`);
      const saved = await saveAuthority(
        db,
        {
          id,
          country: id.slice(0, 2),
          name: b.name,
          nameEn: b.nameEn ?? null,
          names: b.names ?? {},
          languages: b.languages ?? [],
          level: b.level,
          street: b.street ?? null,
          postcode: b.postcode ?? null,
          city: b.city ?? null,
          region: b.region ?? null,
          areas: b.areas,
          procedures: b.procedures ?? [],
          competences: b.competences ?? [],
          keywords: b.keywords ?? [],
        },
        official.login,
      );
      reply.status(existed ? 200 : 201);
      return (await views([saved], request.language!))[0];
    },
  );

  app.get(
    '/v1/authorities/:id/history',
    {
      onRequest: authenticate,
      schema: {
        tags: ['directory'],
        description: "Who changed an entry, when, from what to what (its country's coordinators).",
        params: Id,
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      if (!mayMaintain(request.official!, request.params.id)) throw forbidden('only the country’s coordinators may read its directory history');
      const rows = await authorityHistory(db, request.params.id);
      return { items: rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() })) };
    },
  );
}
