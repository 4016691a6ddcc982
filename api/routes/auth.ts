import { Type } from '@sinclair/typebox';
import { findOfficial, listOfficials } from '../../db/queries.js';
import type { App, AppDeps } from '../app.js';
import { badRequest } from '../errors.js';
import { problemResponses } from '../schemas.js';

const DevUser = Type.Object({
  login: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  authority: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String() }),
});

/** The embedded dev issuer. Not registered at all in production mode. */
export async function authRoutes(app: App, { deps }: { deps: AppDeps }) {
  const issuer = deps.auth.devIssuer;
  if (deps.mode !== 'embedded' || !issuer) return;

  app.get(
    '/v1/auth/dev-users',
    {
      schema: {
        tags: ['dev issuer'],
        security: [],
        description: 'Embedded mode only: the officials one can get a token for, by country and login, a page at a time.',
        querystring: Type.Object(
          {
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            role: Type.Optional(Type.String()),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DevUser), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const { items, total } = await listOfficials(deps.db, request.query);
      return {
        total,
        items: items.map((o) => ({
        login: o.login,
        name: o.name,
        roles: o.roles,
        authority: { id: o.authority.id, name: o.authority.name, country: o.authority.country },
      })),
      };
    },
  );

  app.post(
    '/v1/auth/dev-token',
    {
      schema: {
        tags: ['dev issuer'],
        security: [],
        description: 'Embedded mode only: a bearer token for a seeded official.',
        body: Type.Object({ user: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ token: Type.String(), tokenType: Type.String(), expiresAt: Type.String() }), ...problemResponses(400) },
      },
    },
    async (request) => {
      const official = await findOfficial(deps.db, request.body.user);
      if (!official) throw badRequest(`unknown user ${request.body.user}: see GET /v1/auth/dev-users`);
      const { token, expiresAt } = await issuer.issue(official.login);
      return { token, tokenType: 'Bearer', expiresAt };
    },
  );
}
