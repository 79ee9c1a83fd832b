import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `pnpm test` needs Node only: the Redis store's tests run as `pnpm test:redis`.
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/redis-store.test.ts'],
    // `pnpm test` runs every package's suite at once: on a busy 2-core CI machine a test that
    // takes 0.6 s alone (formatting generated files, spawning a child) can take over 5 s.
    testTimeout: 30_000,
  },
});
