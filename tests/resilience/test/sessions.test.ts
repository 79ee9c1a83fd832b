import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';
import { signIn, tokenEndpointCalls } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forMs, runLoad, tally } from '../src/load';

/**
 * Two web replicas behind a round-robin reverse proxy (each request goes to the other one),
 * sharing sessions through Debian's redis-server.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({
    logDir: mkdtempSync(join(tmpdir(), 'resilience-sessions-')),
    webReplicas: 2,
    sessionStore: 'redis',
  });
  browser = await chromium.launch({
    executablePath: loadToolEnv().chromiumPath,
    args: [...chromiumLaunchArgs],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stopAll();
});

const profileRegion = (page: Page) => page.getByRole('region', { name: /profile/i });
/** Which replica answered a page: the proxy says so. */
const replicaOf = async (page: Page, path: string) =>
  (await page.goto(`${stack.webUrl}${path}`))?.headers()['x-upstream'];

describe('two web replicas, one Redis', () => {
  it('a session made on one replica works on the other; a token one refreshed, the other reuses', async () => {
    const page = await browser.newPage();
    const before = tokenEndpointCalls(stack.readLog('local-idp'));
    await signIn(page, 'alice', stack.webUrl);
    const served = new Set<string | undefined>();
    for (let i = 0; i < 6; i++) {
      served.add(await replicaOf(page, '/dashboard'));
      await expect.poll(() => profileRegion(page).textContent()).toContain('alice@example.com');
    }
    expect(served.size, 'both replicas answered').toBe(2);
    // The login's code exchange, then the profile token, fetched once by whichever replica
    // rendered first: every other view, on either replica, read it from Redis.
    expect(tokenEndpointCalls(stack.readLog('local-idp')) - before).toBe(2);
    await page.close();
  });

  it('a logout on one replica ends the session on both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'bob', stack.webUrl);
    await page.goto(`${stack.webUrl}/dashboard`);
    await page.getByRole('link', { name: /log out/i }).click();
    await page.waitForURL((url) => url.origin === stack.webUrl);
    for (let i = 0; i < 4; i++) {
      await page.goto(`${stack.webUrl}/dashboard`);
      expect(new URL(page.url()).pathname, `view ${i}`).not.toBe('/dashboard');
    }
    await context.close();
  });

  it('Redis stopped under load: a clear "sign-in service unavailable" page, no 500, no redirect loop; back without restarting web', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'carol', stack.webUrl);
    const cookies = (await context.cookies(stack.webUrl))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const view = async () => {
      const res = await fetch(`${stack.webUrl}/dashboard`, {
        headers: { cookie: cookies, accept: 'text/html' },
        redirect: 'manual',
      });
      const text = await res.text();
      return { status: res.status, unavailable: /sign-in service is unavailable/i.test(text) };
    };
    expect((await view()).status).toBe(200);
    await stack.redis!.stop();
    try {
      const outcomes = await runLoad({ workers: 4, done: forMs(3000), once: view });
      expect(outcomes.length).toBeGreaterThan(4);
      expect(
        tally(outcomes.map((o) => ({ status: o.status }))),
        'every view answered, never a 500 or a redirect',
      ).toEqual({ '503': outcomes.length });
      expect(outcomes.every((o) => o.unavailable)).toBe(true);
      await page.goto(`${stack.webUrl}/dashboard`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toMatch(/sign-in service is unavailable/i);
    } finally {
      await stack.redis!.start();
    }
    // Redis is back (empty: it keeps nothing on disk in the test): the same web processes answer
    // again, and the old session is gone, so the page sends her to sign in, once. Both replicas:
    // each reconnects on its own backoff, and the sign-in below crosses both (login on one,
    // callback on the other).
    const back = new Set<string | null>();
    await expect
      .poll(
        async () => {
          const res = await fetch(`${stack.webUrl}/dashboard`, {
            headers: { cookie: cookies },
            redirect: 'manual',
          });
          if (res.status === 307) back.add(res.headers.get('x-upstream'));
          return back.size;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    // Her IdP session outlived the web's: signing in again is one silent trip through the IdP.
    await page.goto(`${stack.webUrl}/auth/login?returnTo=/dashboard`);
    await page.waitForURL(`${stack.webUrl}/dashboard`);
    await expect.poll(() => profileRegion(page).textContent()).toContain('carol@example.com');
    await context.close();
  });
});
