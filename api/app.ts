/**
 * The API as a Fastify instance built over its dependencies. `server.ts` is the only file that
 * listens; tests build this and use `inject`.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { OfficialWithAuthority, Viewer } from '../db/queries.js';
import type { Mode } from '../lib/config.js';
import type { Catalog } from '../policy-areas/catalog.js';
import type { Translations } from '../policy-areas/i18n.js';
import type { Language } from '../policy-areas/strings.js';
import { languageOf } from './language.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { DryRunReport, Scenario } from '../worker/dry-run.js';
import type { Authenticator } from './auth.js';
import type { CaseGateway } from './case-gateway.js';
import { registerErrorHandler } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { authorityRoutes } from './routes/authorities.js';
import { callbackRoutes } from './routes/callbacks.js';
import { caseRoutes } from './routes/cases.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { procedureRoutes } from './routes/procedures.js';
import { scoreboardRoutes } from './routes/scoreboard.js';
import { supervisionRoutes } from './routes/supervision.js';
import type { ScoreboardRules } from '../policy-areas/scoreboard.js';
import { sessionRoutes } from './routes/session.js';
import { CaseSummary, CaseView, Problem } from './schemas.js';
import { officialOfToken, requestToken } from './session.js';

export interface AppDeps {
  mode: Mode;
  db: Db;
  temporal: Client;
  gateway: CaseGateway;
  catalog: Catalog;
  /** policy-areas/i18n: every string of the catalogue in the 26 languages. */
  translations: Translations;
  auth: Authenticator;
  /** Whether the Temporal server has Liaison's search attributes. */
  searchAttributes: boolean;
  logger?: boolean | object;
  /**
   * The business clock for date checks (reply dates after today). Workflows judge by workflow
   * time; tests on the time-skipping server pass that server's time so both sides agree.
   */
  clock?: () => number;
  /** Runs a draft procedure on a private time-skipping server (worker/dry-run.ts). */
  dryRun: (definition: ProcedureV2, scenario: Scenario) => Promise<DryRunReport>;
  /** The scoreboard's thresholds; policy-areas/scoreboard.json when unset. */
  scoreboardRules?: ScoreboardRules;
  /** Verifies the references asynchronous translation providers send back; unset, no callback routes. */
  callbackSecret?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    official?: OfficialWithAuthority;
    /** The language the caller reads (languageOf), set with the official. */
    language?: Language;
  }
}

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export function viewerOf(o: OfficialWithAuthority): Viewer {
  return { authorityId: o.authorityId, country: o.authority.country, coordinator: o.roles.includes('coordinator') };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // Ajv's default is to coerce and strip silently; a case management API should refuse instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  // eTranslation calls back with an HTML form post.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addHook('onSend', async (request, reply) => {
    if (request.language) reply.header('content-language', request.language);
  });
  for (const schema of [Problem, CaseView, CaseSummary]) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Liaison API',
        version: '1',
        description: 'Cross-border cooperation between public authorities: cases, procedures and their deadlines.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  /** Resolves the bearer token (or, for GET and HEAD, the session cookie) to a registered official; routes call it first. */
  const authenticate = async (request: FastifyRequest): Promise<OfficialWithAuthority> => {
    const official = await officialOfToken(deps.auth, deps.db, requestToken(request));
    request.official = official;
    request.language = languageOf(official, request.headers['accept-language']);
    return official;
  };

  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(sessionRoutes, { deps, authenticate });
  await app.register(procedureRoutes, { deps, authenticate });
  await app.register(authorityRoutes, { deps, authenticate });
  await app.register(caseRoutes, { deps, authenticate });
  await app.register(supervisionRoutes, { deps, authenticate });
  await app.register(scoreboardRoutes, { deps, authenticate });
  await app.register(callbackRoutes, { deps });
  await app.register(dashboardRoutes, { deps, authenticate });
  return app;
}

export type Authenticate = (request: FastifyRequest) => Promise<OfficialWithAuthority>;
