import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { OfficialWithAuthority } from '../../db/queries.js';
import type { App, AppDeps, Authenticate } from '../app.js';
import { problemResponses } from '../schemas.js';
import { clearedSessionCookie, officialOfToken, requestToken, sessionCookie, tokenExpiry } from '../session.js';

const Session = Type.Object({
  login: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  authority: Type.Object({ id: Type.String(), name: Type.String(), country: Type.String() }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const sessionOf = (o: OfficialWithAuthority, expiresAt: Date | undefined) => ({
  login: o.login,
  name: o.name,
  roles: o.roles,
  authority: { id: o.authority.id, name: o.authority.name, country: o.authority.country },
  expiresAt: expiresAt?.toISOString() ?? null,
});

/**
 * Browser sessions (api/session.ts): a page trades a bearer token for an HttpOnly cookie that then
 * authenticates its GET requests. Registered in every mode; the token comes from the identity
 * provider, or in embedded mode from the dev issuer.
 */
export async function sessionRoutes(app: App, { deps, authenticate }: { deps: AppDeps; authenticate: Authenticate }) {
  const secure = deps.mode === 'production';

  app.post(
    '/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        security: [],
        description: 'Verifies a bearer token and sets it as an HttpOnly session cookie, valid for GET and HEAD requests until the token expires.',
        body: Type.Object({ token: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 200: Session, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { token } = request.body;
      const official = await officialOfToken(deps.auth, deps.db, token);
      const expiresAt = tokenExpiry(token);
      reply.header('set-cookie', sessionCookie(token, expiresAt, secure)).header('cache-control', 'no-store');
      return sessionOf(official, expiresAt);
    },
  );

  app.get(
    '/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        description: 'Who the session cookie (or bearer token) belongs to, and when it ends.',
        response: { 200: Session, ...problemResponses(401, 403) },
      },
    },
    async (request, reply: FastifyReply) => {
      const official = await authenticate(request);
      reply.header('cache-control', 'no-store');
      return sessionOf(official, tokenExpiry(requestToken(request)));
    },
  );

  app.delete(
    '/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        security: [],
        description: 'Ends the browser session: the cookie is cleared. The token itself stays valid until it expires.',
        response: { 204: Type.Null() },
      },
    },
    async (_request, reply) => reply.status(204).header('set-cookie', clearedSessionCookie(secure)).send(null),
  );
}
