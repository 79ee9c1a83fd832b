import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:deploy`: the prune-build acceptance test. Separate from `pnpm test` because it
 * installs and builds each app from scratch (minutes, not seconds).
 */
export default defineConfig({
  test: {
    include: ['deploy-test/**/*.test.ts'],
    // One app at a time: installs and `next build` already use both cores of a CI machine.
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
