import type { Browser, Page } from '@playwright/test';
import { signIn } from '@repo/test-harness/sign-in';
import type { Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis } from '@repo/auth-config';
import { launchBrowser } from '../src/browser';
import { rowsOf, runDoctor } from '../src/doctor';
import { startScenarioStack } from '../src/stack';

/**
 * orders-api configured as a user gets it wrong: an AUTH0_AUDIENCE typo, and a
 * CORS_ALLOWED_ORIGINS without the web app's origin. Before: every card said "Your session has
 * expired" (and logging in again changed nothing), the API logged a bare 401, the browser-side
 * card said "Failed to fetch", and the refused preflight was answered 401 "needs a bearer token".
 */
const typo = 'https://ordres.example';
let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startScenarioStack('misconfigured-api', {
    env: {
      'orders-api': { AUTH0_AUDIENCE: typo, CORS_ALLOWED_ORIGINS: 'https://elsewhere.example' },
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, 'alice', stack.webUrl);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

const region = (name: RegExp) => page.getByRole('region', { name });

describe('a wrong audience on an API', () => {
  it('the card calls it a configuration error and names the doctor, twice in a row; other cards work', async () => {
    for (let view = 0; view < 2; view++) {
      await page.goto(`${stack.webUrl}/dashboard`);
      const orders = await region(/orders/i).textContent();
      expect(orders).toMatch(
        /does not accept this app's sign-in \(a configuration error, not your session\)/,
      );
      expect(orders).toContain('pnpm auth:doctor');
      expect(orders).not.toMatch(/session has (expired|ended)|log in again/i);
      expect(await region(/profile/i).textContent()).toContain('alice@example.com');
      expect(new URL(page.url()).pathname).toBe('/dashboard');
    }
  });

  it('the doctor’s first fix moves the API back to the registry’s audience (never the typo onto web)', async () => {
    const { report } = await runDoctor({ AUTH0_AUDIENCE: typo, APP_BASE_URL: stack.webUrl });
    const [row] = rowsOf(report, 'audiences', 'orders-api');
    expect(row?.status).toBe('fail');
    expect(row?.fix).toContain('unset AUTH0_AUDIENCE in apps/orders-api');
    expect(row?.fix).toContain(apis.orders.audience);
    expect(row?.fix).not.toMatch(/ORDERS_API_AUDIENCE=https:\/\/ordres/);
  });

  it('web logs what the API said (its WWW-Authenticate error and description), once', () => {
    const log = stack.readLog('web');
    const lines = log.split('\n').filter((l) => l.includes('orders-api refused the token'));
    expect(lines).toHaveLength(1);
    // A JSON line: the description's quotes are escaped.
    expect(lines[0]).toMatch(/401 invalid_token \\".*aud.*\\"/);
  });
});

describe('a CORS_ALLOWED_ORIGINS without the web app', () => {
  it('the browser-side card says the API refused this site’s origin or could not be reached, and names the fix', async () => {
    await page.goto(`${stack.webUrl}/orders`);
    await page.getByRole('button', { name: /refresh status/i }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/refused this site’s origin/);
    const text = (await status.textContent()) ?? '';
    expect(text).toContain(`orders-api (${new URL(stack.apiUrls.orders).origin})`);
    expect(text).toContain(`add ${stack.webUrl} to CORS_ALLOWED_ORIGINS on orders-api`);
    expect(text).toContain('pnpm auth:doctor');
    expect(text).not.toMatch(/failed to fetch/i);
  });

  it('the doctor names the missing origin and the line to set', async () => {
    const { report } = await runDoctor({
      CORS_ALLOWED_ORIGINS: 'https://elsewhere.example',
      APP_BASE_URL: stack.webUrl,
    });
    const [row] = rowsOf(report, 'cors', 'orders-api');
    expect(row?.status).toBe('fail');
    expect(row?.fix).toBe(
      `set CORS_ALLOWED_ORIGINS=https://elsewhere.example,${stack.webUrl} in apps/orders-api`,
    );
  });

  it('the API answers the refused preflight 403 problem+json about CORS, and logs the origin and the variable', async () => {
    const res = await fetch(`${stack.apiUrls.orders}/orders`, {
      method: 'OPTIONS',
      headers: {
        origin: stack.webUrl,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/CORS/);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(stack.readLog('orders-api')).toContain(
      `CORS: refused a preflight from ${stack.webUrl}; add it to CORS_ALLOWED_ORIGINS`,
    );
  });
});
