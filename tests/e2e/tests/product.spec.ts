import { expect, signIn, test } from './fixtures';

/** A compact JWS: three base64url parts, the first two JSON objects ("eyJ…"). */
const jwtPattern = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

test.describe.configure({ mode: 'serial' });

test('alice logs in through the IdP form and the dashboard shows data from both APIs', async ({
  page,
  stack,
}) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/dashboard');
  const profile = page.getByRole('region', { name: /profile/i });
  await expect(profile).toContainText('alice@example.com');
  const orders = page.getByRole('region', { name: /orders/i });
  await expect(orders).toBeVisible();
  await expect(orders).not.toContainText(/unavailable|could not/i);
});

test('she creates an order, sees it in the list, and cancels it', async ({ page, stack }) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/orders');
  const form = page.getByRole('form', { name: /new order/i });
  await form.getByRole('spinbutton').first().fill('2');
  await form.getByRole('button', { name: /place order|create/i }).click();
  await expect(form.getByRole('status')).toContainText(/order placed/i);
  const row = page.getByRole('row', { name: /pending/i }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /cancel/i }).click();
  await expect(page.getByRole('row', { name: /cancelled/i }).first()).toBeVisible();
});

test('a profile edit persists after a reload', async ({ page, stack }) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/profile');
  const name = `Alice E2E ${Date.now()}`;
  await page.getByLabel(/display name/i).fill(name);
  await page.getByRole('button', { name: /save/i }).click();
  await expect(page.getByRole('status')).toContainText(/saved/i);
  await page.reload();
  await expect(page.getByLabel(/display name/i)).toHaveValue(name);
});

test('the browser calls orders-api on its own origin, allowed by CORS', async ({ page, stack }) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/orders');
  const apiCall = page.waitForResponse(
    (res) => res.url().startsWith(stack.apiUrls.orders) && res.request().method() === 'GET',
    { timeout: 10_000 },
  );
  await page.getByRole('button', { name: /refresh status/i }).click();
  // The UI says what happened first: a CORS refusal shows here as "Could not refresh…".
  await expect(page.getByRole('status').filter({ hasText: /checked|could not/i })).toHaveText(
    /checked with/i,
  );
  const response = await apiCall;
  expect(response.status()).toBe(200);
  expect(response.headers()['access-control-allow-origin']).toBe(stack.webUrl);
});

test('carol (read-only) is told she has no permission to create an order', async ({
  page,
  stack,
}) => {
  await signIn(page, 'carol', stack.webUrl);
  await page.goto('/orders');
  const form = page.getByRole('form', { name: /new order/i });
  await form.getByRole('button', { name: /place order|create/i }).click();
  await expect(form.getByRole('alert')).toContainText(/permission/i);
});

test('no access token in server-rendered HTML or JS; the session cookie is HttpOnly and SameSite=Lax', async ({
  page,
  context,
  stack,
}) => {
  const bodies: { url: string; body: string }[] = [];
  page.on('response', async (res) => {
    const type = res.headers()['content-type'] ?? '';
    const url = res.url();
    // /auth/access-token hands the browser a token on purpose (the CORS flow); everything else
    // the web app serves must not contain one.
    if (
      url.startsWith(stack.webUrl) &&
      !url.includes('/auth/access-token') &&
      /html|javascript|x-component/.test(type)
    ) {
      bodies.push({ url, body: await res.text().catch(() => '') });
    }
  });
  await signIn(page, 'alice', stack.webUrl);
  for (const path of ['/dashboard', '/orders', '/profile']) await page.goto(path);
  expect(bodies.length).toBeGreaterThan(3);
  for (const { url, body } of bodies)
    expect(jwtPattern.test(body), `token-like string in ${url}`).toBe(false);

  const cookies = await context.cookies(stack.webUrl);
  // Past 4 kB (two audiences' tokens) the SDK splits the session into __session__0, __session__1…
  const session = cookies.filter((c) => c.name.startsWith('__session'));
  expect(session.length, `cookies: ${cookies.map((c) => c.name).join(', ')}`).toBeGreaterThan(0);
  for (const chunk of session) {
    expect(chunk.httpOnly, chunk.name).toBe(true);
    expect(chunk.sameSite, chunk.name).toBe('Lax');
  }
});

test('logout ends the session; a protected page then sends the browser to login', async ({
  page,
  stack,
}) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/dashboard');
  // Wait for the logout's whole trip (the app, the IdP's end-session, back to the app): waiting
  // only for a URL on the app would return at once, still on /dashboard, and the next page load
  // could overtake the IdP's logout and sign straight back in.
  const idpLogout = page.waitForResponse(
    (res) => res.url().startsWith(stack.idpUrl) && /\/(oidc|v2)\/logout/.test(res.url()),
  );
  await page
    .getByRole('link', { name: /log ?out|sign ?out/i })
    .first()
    .click();
  await idpLogout;
  await page.waitForURL(
    (url) =>
      url.origin === stack.webUrl &&
      !url.pathname.startsWith('/auth') &&
      url.pathname !== '/dashboard',
  );
  await page.goto('/dashboard');
  await page.waitForURL((url) => url.origin === stack.idpUrl);
  await expect(page.getByLabel(/password/i)).toBeVisible();
});

test('with profile-api stopped, the dashboard still answers 200 and says the profile is unavailable', async ({
  page,
  stack,
}) => {
  await signIn(page, 'alice', stack.webUrl);
  await stack.stop('profile-api');
  try {
    const response = await page.goto('/dashboard');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('region', { name: /profile/i })).toContainText(
      /unavailable|could not|isn.t responding/i,
    );
    await expect(page.getByRole('region', { name: /orders/i })).toBeVisible();
  } finally {
    await stack.start('profile-api');
  }
});
