import type { Browser } from '@playwright/test';
import { apiEnvPrefix, apiNames, localUserPassword } from '@repo/auth-config';
import type { Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillIdpLogin, launchBrowser } from '../src/browser';
import { startScenarioStack } from '../src/stack';

/**
 * The audience typo on web too: what the doctor used to suggest first for a mismatch. The IdP
 * refuses the login with invalid_target. Before: the sign-in error page blamed the callback URL.
 */
const loginApi = apiNames[0]!;
const variable = `${apiEnvPrefix(loginApi)}_API_AUDIENCE`;
const typo = 'https://ordres.example';
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startScenarioStack('web-audience', { env: { web: { [variable]: typo } } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

describe('web asks the IdP for an audience it does not know', () => {
  it('the sign-in error page names the audience and its variable, not the callback URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.webUrl}/auth/login?returnTo=/dashboard`);
    // The IdP refuses before or after its form, depending on the provider; fill it if it shows.
    if (new URL(page.url()).origin === stack.idpUrl) {
      const form = page.getByLabel(/email or username/i);
      if (await form.isVisible()) await fillIdpLogin(page, 'alice', localUserPassword);
    }
    await page.waitForURL((url) => url.pathname === '/auth-error');
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toMatch(/does not know the API this app asked for/);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain(typo);
    expect(body).toContain(variable);
    expect(body).toContain('pnpm auth:doctor');
    expect(body).not.toMatch(/callback/i);
  });
});
