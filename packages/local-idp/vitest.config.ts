import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // RSA key generation and oidc-provider start-up take a moment on a busy 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
