import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // The Temporal SDK's native bridge crashes vitest's thread pool on teardown; forks are safe.
    pool: 'forks',
    // Two cores: each file runs its own worker and bundle, so more than two at once only thrashes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
