import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { localUserPassword } from '@repo/auth-config';
import { startStack, type Stack } from '../src/stack';

export const test = base.extend<{ login: (user: 'alice' | 'bob' | 'carol' | 'admin') => Promise<void> }, { stack: Stack }>({
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
  login: async ({ page, stack }, use) => {
    await use(async (user) => {
      await signIn(page, user, stack.webUrl);
    });
  },
});

/** Through the app's login link and the IdP's form, as a person would. */
export async function signIn(page: Page, user: string, webUrl: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: /log ?in|sign ?in/i }).first().click();
  await page.getByLabel(/email or username/i).fill(`${user}@example.com`);
  await page.getByLabel(/password/i).fill(localUserPassword);
  await page.getByRole('button', { name: /continue/i }).click();
  // Back from the IdP: the callback has set the session and redirected to the page asked for.
  await page.waitForURL((url) => url.origin === webUrl && !url.pathname.startsWith('/auth/'));
}

export { expect };
