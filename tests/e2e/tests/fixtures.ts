import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { signIn } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';
import { watchConsole } from './quality';

export const test = base.extend<{ console: ReturnType<typeof watchConsole> }, { stack: Stack }>({
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
  // Every page of every scenario: a console error fails the test, unless the scenario allows
  // that one (it causes it on purpose).
  console: [
    async ({ page }, use) => {
      const watch = watchConsole(page);
      await use(watch);
      watch.expectNone();
    },
    { auto: true },
  ],
});

/** Places one order of the first product through the orders page's form. */
export async function placeOrder(page: Page, quantity = 1): Promise<void> {
  await page.goto('/orders');
  const form = page.getByRole('form', { name: /new order/i });
  await form.getByRole('spinbutton').fill(String(quantity));
  await form.getByRole('button', { name: /place order/i }).click();
  await expect(form.getByRole('status')).toContainText(/order placed/i);
}

/**
 * Logs out through the app and waits for the IdP's end-session: a scenario that signs alice in
 * leaves no IdP session behind for the ones that count hers (backchannel.spec.ts).
 */
export async function signOut(page: Page, idpUrl: string): Promise<void> {
  const idpLogout = page.waitForResponse(
    (res) => res.url().startsWith(idpUrl) && /\/(oidc|v2)\/logout/.test(res.url()),
  );
  await page.getByRole('link', { name: /log out/i }).click();
  await idpLogout;
}

export { expect, signIn };
