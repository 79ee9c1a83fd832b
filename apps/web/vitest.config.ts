import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // Real logins through the local IdP: a busy 2-core machine needs more than the default 5 s.
    testTimeout: 30_000,
  },
});
