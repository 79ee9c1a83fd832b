import { expect, placeOrder, signIn, signOut, test } from './fixtures';
import { checkPageAtEveryWidth, watchConsole } from './quality';

test.describe.configure({ mode: 'serial' });

test('an admin sees every order with its customer; the page is guarded on the server', async ({
  page,
  browser,
  stack,
}, testInfo) => {
  // Alice has an order and a profile (her first page that reads it creates it).
  const alice = await browser.newContext({ baseURL: stack.webUrl });
  const alicePage = await alice.newPage();
  const aliceConsole = watchConsole(alicePage);
  try {
    await signIn(alicePage, 'alice', stack.webUrl);
    await placeOrder(alicePage);
    await alicePage.goto('/profile');
    await expect(alicePage.getByLabel(/display name/i)).toBeVisible();
    await signOut(alicePage, stack.idpUrl);
    aliceConsole.expectNone();
  } finally {
    await alice.close();
  }

  await signIn(page, 'admin', stack.webUrl);
  await page
    .getByRole('navigation', { name: /main/i })
    .getByRole('link', { name: /admin/i })
    .click();
  await expect(page).toHaveURL(/\/admin\/orders$/);
  await expect(page.getByRole('heading', { name: /all orders/i, level: 1 })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: 'alice@example.com' }).first(),
  ).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'admin-orders');
});

test('alice, without the admin scope, gets the not-found page at /admin/orders and no link', async ({
  page,
  stack,
  console,
}, testInfo) => {
  await signIn(page, 'alice', stack.webUrl);
  await page.goto('/dashboard');
  await expect(page.getByRole('navigation', { name: /main/i })).toBeVisible();
  await expect(page.getByRole('link', { name: /^admin$/i })).toHaveCount(0);

  console.allow(/status of 404/);
  const response = await page.goto('/admin/orders');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: /page not found/i })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await checkPageAtEveryWidth(page, testInfo, 'admin-as-alice');
  await signOut(page, stack.idpUrl);
});
