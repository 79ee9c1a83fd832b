import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite (Postgres in WASM) takes seconds to boot on a busy 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
