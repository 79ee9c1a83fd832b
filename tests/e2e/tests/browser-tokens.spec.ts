import type { Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { expect, signIn, test } from './fixtures';

/** What browser JavaScript on the web origin can get: fetch from the page itself. */
async function fromPage(page: Page, path: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'same-origin' });
    return { status: res.status, body: await res.text() };
  }, path);
}

for (const user of ['alice', 'admin']) {
  test(`${user}: browser JavaScript gets no token with a write or admin scope`, async ({
    page,
    stack,
    console,
  }) => {
    // The 404s this scenario asks for on purpose are logged by the browser.
    console.allow(/status of 404 .*\/(auth\/access-token|api\/browser-token\/profile)\)$/);
    await signIn(page, user, stack.webUrl);
    await page.goto('/orders');
    // The SDK's own endpoint, which would hand out the session's broadest token, is off.
    expect((await fromPage(page, '/auth/access-token')).status).toBe(404);
    const orders = await fromPage(page, '/api/browser-token/orders');
    expect(orders.status).toBe(200);
    const token = (JSON.parse(orders.body) as { accessToken: string }).accessToken;
    expect(decodeJwt(token).scope).toBe('read:orders');
    // What the API makes of it: reading works, writing and the admin list are refused.
    const call = (path: string, method = 'GET') =>
      fetch(new URL(path, stack.apiUrls.orders), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{"items":[{"sku":"MUG-WHT","quantity":1}]}' : undefined,
      });
    expect((await call('/orders')).status).toBe(200);
    expect((await call('/orders', 'POST')).status).toBe(403);
    expect((await call('/admin/orders')).status).toBe(403);
    expect(
      (await fromPage(page, '/api/browser-token/profile')).status,
      'no browser token for profile',
    ).toBe(404);
  });
}

test('the browser token route answers no other site, and no one signed out', async ({
  page,
  stack,
  playwright,
}) => {
  await signIn(page, 'alice', stack.webUrl);
  const cookies = await page.context().cookies(stack.webUrl);
  const crossSite = await playwright.request.newContext({
    baseURL: stack.webUrl,
    extraHTTPHeaders: {
      'sec-fetch-site': 'cross-site',
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    },
  });
  const refused = await crossSite.get('/api/browser-token/orders');
  expect(refused.status()).toBe(403);
  expect(refused.headers()['access-control-allow-origin']).toBeUndefined();
  expect(refused.headers()['cache-control']).toContain('no-store');
  await crossSite.dispose();
  const anonymous = await playwright.request.newContext({ baseURL: stack.webUrl });
  expect((await anonymous.get('/api/browser-token/orders')).status()).toBe(401);
  await anonymous.dispose();
});
