import { sql } from 'drizzle-orm';
import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app.js';
import { HttpProblem } from '../errors.js';
import { problemResponses } from '../schemas.js';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

export async function healthRoutes(app: App, { deps }: { deps: AppDeps }) {
  app.get('/healthz', { schema: { tags: ['health'], security: [], description: 'The process is up.', response: { 200: Health } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        security: [],
        description: 'PostgreSQL and Temporal both answer.',
        response: { 200: Health, ...problemResponses(503) },
      },
    },
    async () => {
      const checks: Record<string, string> = {};
      await Promise.all([
        deps.db.execute(sql`select 1`).then(
          () => (checks.postgres = 'ok'),
          (err: Error) => (checks.postgres = err.message),
        ),
        deps.temporal.workflowService.getSystemInfo({}).then(
          () => (checks.temporal = 'ok'),
          (err: Error) => (checks.temporal = err.message),
        ),
      ]);
      const failing = Object.entries(checks).filter(([, v]) => v !== 'ok');
      if (failing.length) {
        throw new HttpProblem(503, 'not-ready', 'Not ready', failing.map(([k, v]) => `${k}: ${v}`).join('; '));
      }
      return { status: 'ready', checks };
    },
  );
}
