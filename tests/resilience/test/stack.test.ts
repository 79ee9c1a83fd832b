import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';
import { signIn } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forMs, runLoad, tally, type Outcome } from '../src/load';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ logDir: mkdtempSync(join(tmpdir(), 'resilience-stack-')) });
  browser = await chromium.launch({
    executablePath: loadToolEnv().chromiumPath,
    args: [...chromiumLaunchArgs],
  });
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

const profileRegion = (page: Page) => page.getByRole('region', { name: /profile/i });
const ordersRegion = (page: Page) => page.getByRole('region', { name: /orders/i });
/** The words web puts where an API call failed (apps/web describeApiError). */
const profileProblem = /profile service is unavailable right now/i;
const anyApiProblem =
  /service is unavailable right now|session has ended|something went wrong on our side|have permission to|misconfigured|configuration error/i;

describe('the whole product', () => {
  it('profile-api killed: the dashboard answers 200 with orders and a clear profile error, and recovers without a new login', async () => {
    const page = await browser.newPage();
    await signIn(page, 'alice', stack.webUrl);
    await stack.stop('profile-api');
    try {
      const res = await page.goto(`${stack.webUrl}/dashboard`);
      expect(res?.status()).toBe(200);
      await expect.poll(() => profileRegion(page).textContent()).toMatch(profileProblem);
      expect(await ordersRegion(page).isVisible()).toBe(true);
      expect(await ordersRegion(page).textContent()).not.toMatch(anyApiProblem);
    } finally {
      await stack.start('profile-api');
    }
    const back = await page.goto(`${stack.webUrl}/dashboard`);
    expect(back?.status()).toBe(200);
    expect(new URL(page.url()).origin, 'no trip to the IdP: the session survived').toBe(
      stack.webUrl,
    );
    expect(await profileRegion(page).textContent()).toContain('alice@example.com');
    await page.close();
  });

  it('IdP stopped: signed-in dashboards keep answering under load with 0 failures, and a new login fails with a clear message', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'bob', stack.webUrl);
    expect((await page.goto(`${stack.webUrl}/dashboard`))?.status()).toBe(200);
    const cookie = (await context.cookies(stack.webUrl))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

    await stack.stop('local-idp');
    try {
      // Four users' worth of dashboard views at once, for the whole window, without the IdP.
      const views = await runLoad({
        workers: 4,
        done: forMs(6000),
        once: async (): Promise<Outcome & { complete?: boolean }> => {
          try {
            const res = await fetch(`${stack.webUrl}/dashboard`, {
              headers: { cookie },
              redirect: 'manual',
              signal: AbortSignal.timeout(15_000),
            });
            const html = await res.text();
            return {
              status: res.status,
              complete: html.includes('bob@example.com') && !anyApiProblem.test(html),
            };
          } catch (error) {
            return { error: String(error) };
          }
        },
      });
      expect(views.length).toBeGreaterThan(4);
      expect(tally(views), 'dashboard views while the IdP is down').toEqual({
        '200': views.length,
      });
      expect(
        views.filter((v) => !v.complete),
        'views missing profile or orders data',
      ).toEqual([]);

      // A new visitor cannot log in, and is told why in words: /auth/login probes the issuer
      // first (the SDK's cached discovery would send the browser to the dead IdP).
      const stranger = await browser.newPage();
      await stranger.goto(`${stack.webUrl}/auth/login`);
      expect(new URL(stranger.url()).pathname).toBe('/auth-error');
      expect(new URL(stranger.url()).searchParams.get('code')).toBe('login_start_failed');
      await expect
        .poll(() => stranger.textContent('body'))
        .toMatch(/sign-in service could not be reached/i);
      await stranger.close();

      // The session lives in the cookie: it outlives a web restart during the outage.
      await stack.stop('web');
      await stack.start('web');
      const again = await fetch(`${stack.webUrl}/dashboard`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(again.status, 'the session outlives a web restart during the outage').toBe(200);
      expect(await again.text()).toContain('bob@example.com');
      console.info(
        `IdP outage (whole stack): ${views.length} dashboard views in 6 s, all 200 with both APIs' data; ` +
          'a new login → /auth-error?code=login_start_failed; the session survived a web restart',
      );
    } finally {
      await stack.start('local-idp');
    }
    await context.close();
  });
});
