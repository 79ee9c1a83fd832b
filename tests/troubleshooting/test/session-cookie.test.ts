import type { Browser, Page } from '@playwright/test';
import { localUserPassword } from '@repo/auth-config';
import type { Stack } from '@repo/test-harness/stack';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countRequests, fillIdpLogin, launchBrowser } from '../src/browser';
import { startScenarioStack } from '../src/stack';
import { selfSignedCertificate } from '../src/tls';

/**
 * The session cookie never comes back. Before: ERR_TOO_MANY_REDIRECTS after about 9 rounds of
 * dashboard → login → IdP → callback, and a log of `GET /dashboard 307` only. Now: an explanatory
 * page after at most 2 callbacks, whatever dropped the cookie.
 */
let stack: Stack | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await stack?.stopAll();
  browser = undefined;
  stack = undefined;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

/** Opens `url` signed out, signs in at the IdP's form, and waits for where the app ends. */
async function signInFrom(page: Page, url: string, idpUrl: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL((u) => u.origin === idpUrl);
  await fillIdpLogin(page, 'alice', localUserPassword);
  await page.waitForURL((u) => u.origin !== idpUrl && !u.pathname.startsWith('/auth/callback'));
  await page.waitForLoadState('load');
}

describe('the session cookie does not come back', () => {
  it('a reverse proxy that drops Set-Cookie for __session: "the session did not stick", one callback', async () => {
    stack = await startScenarioStack('dropping-proxy', { front: { dropSetCookie: '__session' } });
    browser = await launchBrowser();
    const page = await browser.newPage();
    const callbacks = countRequests(page, '/auth/callback');
    await signInFrom(page, `${stack.webUrl}/dashboard`, stack.idpUrl);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/you signed in, but the session did not stick/i);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toMatch(/a proxy in front of the app drops Set-Cookie/);
    expect(body).toContain('pnpm auth:doctor');
    expect(callbacks()).toBeLessThanOrEqual(2);
  }, 120_000);

  it('a Secure cookie reached over http on a non-loopback name: an explanatory page naming http vs https, one callback', async () => {
    // APP_BASE_URL is https://app.test:<port> (a TLS-terminating proxy), so the app's cookies are
    // Secure; the person opens the same app over plain http at app.test, where Chromium refuses
    // Secure cookies (localhost would be exempt).
    const host = 'app.test';
    stack = await startScenarioStack('secure-over-http', {
      front: { host, tls: selfSignedCertificate(host) },
    });
    browser = await launchBrowser([`--host-resolver-rules=MAP ${host} 127.0.0.1`]);
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    const callbacks = countRequests(page, '/auth/callback');
    const overHttp = `http://${host}:${new URL(stack.replicaUrls[0]!).port}`;
    await signInFrom(page, `${overHttp}/dashboard`, stack.idpUrl);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/could not be matched to this browser|did not stick/i);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toMatch(/over http while APP_BASE_URL is https/);
    expect(body).toContain(`Open the app at exactly ${stack.webUrl}`);
    expect(callbacks()).toBeLessThanOrEqual(2);
  }, 120_000);
});
