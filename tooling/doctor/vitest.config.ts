import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The local IdP generates RSA keys at start: slow on a busy 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
