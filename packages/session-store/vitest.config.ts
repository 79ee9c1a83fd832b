import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `pnpm test` needs Node only: the Redis store's tests run as `pnpm test:redis`.
  test: { include: ['test/**/*.test.ts'], exclude: ['test/redis-store.test.ts'] },
});
