import type { Browser, Page } from '@playwright/test';
import { localUserPassword } from '@repo/auth-config';
import { tokenEndpointCalls } from '@repo/test-harness/sign-in';
import type { Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillIdpLogin, launchBrowser } from '../src/browser';
import { rowsOf, runDoctor } from '../src/doctor';
import { faultModule } from '../src/paths';
import { startScenarioStack } from '../src/stack';

/**
 * One stack for three rows of the table: a refresh token the IdP no longer knows (the documented
 * IdP reset), the v3 SDK's routes, and a page that fails to render. Web runs with a module
 * preloaded that makes every server-side date format throw: a stand-in for a bug in a page.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startScenarioStack('session-and-pages', {
    env: { web: { NODE_OPTIONS: `--import ${faultModule('format-throws')}` } },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

/** Signs in through the IdP's form and lands on `returnTo` (no API is called on the way). */
async function signInTo(page: Page, user: string, returnTo: string): Promise<void> {
  await page.goto(`${stack.webUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await fillIdpLogin(page, user, localUserPassword);
  await page.waitForURL((u) => u.origin === stack.webUrl && u.pathname === returnTo);
}

// First: the IdP resets below change its keys, and orders-api then refuses for a while the
// tokens of the new key it has not fetched yet, which would leave no dates to render.
describe('a page that fails to render', () => {
  it('shows the app’s error page with the reference the server logged, never a bare 500', async () => {
    const page = await browser.newPage();
    // Alice's seeded orders have amounts, which the preloaded fault makes throw on the server.
    await signInTo(page, 'alice', '/orders');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Something went wrong');
    const reference = (await page.locator('main code').textContent()) ?? '';
    expect(reference).toMatch(/^\d+$/);
    expect(await page.locator('body').innerText()).not.toMatch(/internal server error/i);
    expect(stack.readLog('web')).toContain(reference);
    await page.close();
  });
});

describe('a refresh token the IdP no longer knows (rm -rf .data/local-idp)', () => {
  it('the page says the session ended and offers "Log in again" back to it; the next view makes no token call', async () => {
    const page = await browser.newPage();
    await signInTo(page, 'bob', '/');
    await stack.resetIdp();
    await page.goto(`${stack.webUrl}/dashboard`);
    const profile = page.getByRole('region', { name: /profile/i });
    await expect.poll(() => profile.textContent()).toMatch(/your session has ended/i);
    const again = profile.getByRole('link', { name: /log in again/i });
    expect(await again.getAttribute('href')).toBe('/auth/login?returnTo=%2Fdashboard');
    // The session is gone: the next view goes to sign in, without a failing token call.
    const before = tokenEndpointCalls(stack.readLog('local-idp'));
    await page.goto(`${stack.webUrl}/dashboard`);
    await page.waitForURL((u) => u.origin === stack.idpUrl);
    expect(tokenEndpointCalls(stack.readLog('local-idp'))).toBe(before);
    // Logging in again brings the dashboard back.
    await fillIdpLogin(page, 'bob', localUserPassword);
    await page.waitForURL(`${stack.webUrl}/dashboard`);
    await expect.poll(() => profile.textContent()).toContain('bob@example.com');
    await page.close();
  });

  it('"Log out" ends signed out on the app’s home page, even though the IdP forgot the session', async () => {
    const page = await browser.newPage();
    await signInTo(page, 'carol', '/');
    await stack.resetIdp();
    await page.getByRole('link', { name: /log out/i }).click();
    await page.waitForURL((u) => u.origin === stack.webUrl && u.pathname === '/');
    await expect
      .poll(() => page.getByRole('link', { name: /^log in$/i }).count())
      .toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).not.toMatch(/id_token_hint|error/i);
    await page.close();
  });
});

describe('the v3 SDK’s routes, from old guides and bookmarks', () => {
  it.each([
    ['/api/auth/login', '/auth/login'],
    ['/api/auth/logout', '/auth/logout'],
    ['/api/auth/callback', '/auth/callback'],
    ['/api/auth/me', '/auth/profile'],
  ])('%s answers 308 to %s', async (from, to) => {
    const res = await fetch(`${stack.webUrl}${from}?returnTo=%2Fdashboard`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`${to}?returnTo=%2Fdashboard`);
  });

  it('the doctor names each v3 variable and the v4 one that replaces it', async () => {
    const { report } = await runDoctor({
      AUTH0_ISSUER_BASE_URL: 'https://tenant.eu.auth0.com',
      AUTH0_BASE_URL: 'http://localhost:3000',
    });
    const [issuer] = rowsOf(report, 'env', 'web AUTH0_ISSUER_BASE_URL');
    expect(issuer?.status).toBe('fail');
    expect(issuer?.fix).toContain('set AUTH0_DOMAIN=tenant.eu.auth0.com in apps/web/.env.local');
    const [base] = rowsOf(report, 'env', 'web AUTH0_BASE_URL');
    expect(base?.fix).toContain('set APP_BASE_URL=http://localhost:3000');
  });
});
