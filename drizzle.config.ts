import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are committed and applied by the API and worker on start.
// `drizzle-kit push` would diff against a live database and may drop data without asking.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  strict: true,
});
