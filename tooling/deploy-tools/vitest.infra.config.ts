import { defineConfig } from 'vitest/config';

// `test:infra`: the generated compose and Kubernetes files through the real tools
// (docker-compose 1.29 and kubectl's kustomize). Needs docker-compose on PATH; .ci/run and CI
// install it.
export default defineConfig({
  test: {
    include: ['infra-test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
