import type { Browser, BrowserContext } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

/** A browser of its own (its own cookies and its own IdP session), signed in as alice. */
async function aliceIn(browser: Browser, webUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await signIn(await context.newPage(), 'alice', webUrl);
  return context;
}

/** Whether this browser's session still works: the dashboard renders instead of sending to login. */
async function signedIn(context: BrowserContext, webUrl: string): Promise<boolean> {
  const res = await context.request.get(`${webUrl}/dashboard`, { maxRedirects: 0 });
  return res.status() === 200;
}

test('the IdP ends all of alice\u2019s sessions: both browsers are signed out within 2 s (back-channel logout)', async ({
  browser,
  stack,
}) => {
  const [first, second] = [
    await aliceIn(browser, stack.webUrl),
    await aliceIn(browser, stack.webUrl),
  ];
  expect([await signedIn(first, stack.webUrl), await signedIn(second, stack.webUrl)]).toEqual([
    true,
    true,
  ]);

  const started = performance.now();
  const ended = await fetch(
    `${stack.idpUrl}/api/v2/users/${encodeURIComponent('auth0|alice')}/sessions`,
    { method: 'DELETE' },
  );
  expect(ended.status).toBe(200);
  const outcome = (await ended.json()) as {
    sessionsEnded: number;
    delivered: unknown[];
    failed: unknown[];
  };
  expect(outcome).toMatchObject({ sessionsEnded: 2, failed: [] });
  expect(outcome.delivered).toHaveLength(2);
  await expect
    .poll(async () => [await signedIn(first, stack.webUrl), await signedIn(second, stack.webUrl)], {
      timeout: 2000,
      intervals: [50],
    })
    .toEqual([false, false]);
  const latencyMs = Math.round(performance.now() - started);
  console.info(
    `[e2e] back-channel logout: both browsers signed out ${latencyMs} ms after the IdP ended the sessions`,
  );
  test.info().annotations.push({
    type: 'measured',
    description: `back-channel logout latency ${latencyMs} ms`,
  });
  await first.close();
  await second.close();
});

test('logging out in one browser leaves the other signed in', async ({ browser, stack }) => {
  const [first, second] = [
    await aliceIn(browser, stack.webUrl),
    await aliceIn(browser, stack.webUrl),
  ];
  const page = first.pages()[0]!;
  await page.goto(`${stack.webUrl}/dashboard`);
  const idpLogout = page.waitForResponse(
    (res) => res.url().startsWith(stack.idpUrl) && /\/(oidc|v2)\/logout/.test(res.url()),
  );
  await page.getByRole('link', { name: /log out/i }).click();
  await idpLogout;
  await expect.poll(() => signedIn(first, stack.webUrl)).toBe(false);
  // The IdP's logout token names the first browser's session (sid) only.
  expect(await signedIn(second, stack.webUrl)).toBe(true);
  const other = second.pages()[0]!;
  await other.goto(`${stack.webUrl}/dashboard`);
  await expect(other.getByRole('region', { name: /profile/i })).toContainText('alice@example.com');
  await first.close();
  await second.close();
});
