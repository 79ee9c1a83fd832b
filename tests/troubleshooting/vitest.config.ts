import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One file at a time: each starts its own stack (IdP, APIs, web) on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Pages hydrate and redirect in a real browser: give a condition seconds, not vitest's 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
