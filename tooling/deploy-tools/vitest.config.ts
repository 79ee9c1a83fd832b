import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `pnpm test` runs every package's suite at once: on a busy 2-core CI machine a test that
    // takes 0.6 s alone (formatting generated files, spawning a child) can take over 5 s.
    testTimeout: 30_000,
  },
});
