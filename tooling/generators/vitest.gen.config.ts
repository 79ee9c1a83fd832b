import { defineConfig } from 'vitest/config';

/** The slow acceptance test: a copy of the repo, the generator, install, typecheck, lint, tests. */
export default defineConfig({
  test: {
    include: ['gen-test/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
