import { tokenEndpointCalls } from '@repo/test-harness/sign-in';
import { expect, signIn, test } from './fixtures';

/** `api=orders GET /orders status=200 start=… end=… ms=…` messages of the web server's JSON log. */
interface ApiCall {
  readonly api: string;
  readonly start: number;
  readonly end: number;
}

function apiCallsIn(log: string): ApiCall[] {
  return [...log.matchAll(/"msg":"api=(\w+) \S+ \S+ status=\S+ start=(\d+) end=(\d+)/g)].map(
    (m) => ({
      api: m[1]!,
      start: Number(m[2]),
      end: Number(m[3]),
    }),
  );
}

test('a steady-state dashboard view: no token-endpoint call, the API calls overlap, and one session cookie of at most 1 kB', async ({
  page,
  context,
  stack,
}, testInfo) => {
  await signIn(page, 'alice', stack.webUrl);
  // The first view after login fetches the second audience's token (the token broker).
  await page.goto('/dashboard');
  await expect(page.getByRole('region', { name: /profile/i })).toContainText('alice@example.com');

  const idpBefore = tokenEndpointCalls(stack.readLog('local-idp'));
  const webLogBefore = stack.readLog('web').length;
  const response = await page.goto('/dashboard');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('region', { name: /orders/i })).toBeVisible();

  const tokenCalls = tokenEndpointCalls(stack.readLog('local-idp')) - idpBefore;
  const calls = apiCallsIn(stack.readLog('web').slice(webLogBefore));
  const orders = calls.find((c) => c.api === 'orders');
  const profile = calls.find((c) => c.api === 'profile');
  expect(tokenCalls).toBe(0);
  expect(orders && profile, `API calls logged: ${JSON.stringify(calls)}`).toBeTruthy();
  // Overlap: each call started before the other one ended.
  expect(orders!.start).toBeLessThan(profile!.end);
  expect(profile!.start).toBeLessThan(orders!.end);

  const cookies = (await context.cookies(stack.webUrl)).filter((c) =>
    c.name.startsWith('__session'),
  );
  const cookieBytes = cookies.reduce((sum, c) => sum + c.name.length + 1 + c.value.length, 0);
  const t0 = Math.min(orders!.start, profile!.start);
  const summary =
    `session store: ${stack.sessionStore}; token-endpoint calls: ${tokenCalls}; orders ${orders!.start - t0}–${orders!.end - t0} ms, ` +
    `profile ${profile!.start - t0}–${profile!.end - t0} ms; session cookie ${cookieBytes} bytes in ${cookies.length} cookie(s)`;
  // A session store keeps the tokens server-side: the cookie is an encrypted id, whatever the APIs.
  expect(cookies.map((c) => c.name)).toEqual(['__session']);
  expect(cookieBytes).toBeLessThanOrEqual(1024);
  testInfo.annotations.push({ type: 'measured', description: summary });
  console.info(`[e2e] ${summary}`);
});
