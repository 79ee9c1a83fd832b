import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { signIn } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';

export const test = base.extend<object, { stack: Stack }>({
  stack: [
    // Playwright reads the fixtures a fixture needs from this destructuring; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const stack = await startStack({ logDir: join(workerInfo.project.outputDir, 'logs') });
      try {
        await use(stack);
      } finally {
        await stack.stopAll();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.webUrl),
});

export { expect, signIn };
