import { expect, placeOrder, signIn, signOut, test } from './fixtures';
import { checkPageAtEveryWidth } from './quality';

/*
 * Every page of the app, signed out and signed in, at 1280 and 360 px: axe finds no serious or
 * critical violation, nothing scrolls sideways, no console error, and the screenshots land in
 * the test results. (The admin pages are in admin.spec.ts, the error page in orders.spec.ts.)
 */
test.describe.configure({ mode: 'serial' });

test('signed out: the home page and the not-found page', async ({ page, console }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: /log in/i }).first()).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'home-signed-out');

  // The browser logs the 404 status of the page itself; that is the answer asked for.
  console.allow(/status of 404/);
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: /page not found/i })).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'not-found');
});

test('signed in: home, dashboard, orders, an order, profile', async ({ page, stack }, testInfo) => {
  await signIn(page, 'alice', stack.webUrl);
  await placeOrder(page);

  await page.goto('/');
  await expect(page.getByRole('link', { name: /go to your dashboard/i })).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'home-signed-in');

  await page.goto('/dashboard');
  await expect(
    page.getByRole('region', { name: /recent orders/i }).getByRole('table'),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: /profile/i })).toContainText('alice@example.com');
  await checkPageAtEveryWidth(page, testInfo, 'dashboard');

  await page.goto('/orders');
  const firstOrder = page
    .getByRole('region', { name: /your orders/i })
    .getByRole('row')
    .nth(1);
  await expect(firstOrder).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'orders');

  await firstOrder.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^order$/i, level: 1 })).toBeVisible();
  await expect(page.getByText(/^total:/i)).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'order-detail');

  await page.goto('/orders/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: /order not found/i })).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'order-not-found');

  await page.goto('/profile');
  await expect(page.getByLabel(/display name/i)).toBeVisible();
  await checkPageAtEveryWidth(page, testInfo, 'profile');
  await signOut(page, stack.idpUrl);
});
