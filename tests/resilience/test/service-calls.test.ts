import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apis, localWebClient, scopesOf, services } from '@repo/auth-config';
import { loginOverHttp } from '@repo/test-harness/oauth-login';
import { tokenEndpointCalls } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, tally } from '../src/load';

/**
 * orders-api calling profile-api as itself, with real processes: the local IdP (its CLI, whose
 * access log counts token requests), profile-api and orders-api, each its real entry point on a
 * free port (`startStack` without web). Users sign in over HTTP through the IdP's login form.
 */
let stack: Stack;
const idpIssuer = () => `${stack.idpUrl}/`;
const tokens: Record<'admin' | 'alice' | 'aliceProfile' | 'bob', string> = {
  admin: '',
  alice: '',
  aliceProfile: '',
  bob: '',
};

/** A real login of a seeded user for one API (authorization code + PKCE, the web client). */
async function login(username: string, api: 'orders' | 'profile'): Promise<string> {
  const { accessToken } = await loginOverHttp({
    issuer: idpIssuer(),
    clientId: localWebClient.clientId,
    clientSecret: localWebClient.clientSecret,
    redirectUri: `http://localhost:${services.web.port}/auth/callback`,
    username,
    audience: apis[api].audience,
    scope: ['openid', ...scopesOf(api)].join(' '),
  });
  return accessToken;
}

const idpTokenRequests = () => tokenEndpointCalls(stack.readLog('local-idp'));
/** Batch calls profile-api logged (one line per request at LOG_LEVEL=info). */
const batchCalls = () =>
  stack.readLog('profile-api').match(/"url":"\/profiles\?ids=/g)?.length ?? 0;

interface Customer {
  status: string;
  displayName?: string;
}
interface AdminPage {
  items: { sub: string; customer: Customer }[];
}

async function adminList(): Promise<{ status: number; page?: AdminPage }> {
  const res = await fetch(`${stack.apiUrls.orders}/admin/orders?limit=100`, {
    headers: { authorization: `Bearer ${tokens.admin}` },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, page: res.ok ? ((await res.json()) as AdminPage) : undefined };
}

const customersOf = (page: AdminPage | undefined) =>
  Object.fromEntries((page?.items ?? []).map((o) => [o.sub, o.customer.status]));

beforeAll(async () => {
  stack = await startStack({
    logDir: mkdtempSync(join(tmpdir(), 'resilience-s2s-')),
    webReplicas: 0,
    sessionStore: 'embedded',
    apiLogLevel: 'info',
  });
  tokens.admin = await login('admin', 'orders');
  tokens.alice = await login('alice', 'orders');
  tokens.aliceProfile = await login('alice', 'profile');
  tokens.bob = await login('bob', 'orders');
  // Alice opens her profile; Bob never does. Both order something.
  const me = await fetch(`${stack.apiUrls.profile}/me`, {
    headers: { authorization: `Bearer ${tokens.aliceProfile}` },
  });
  expect(me.status).toBe(200);
  for (const token of [tokens.alice, tokens.bob]) {
    const res = await fetch(`${stack.apiUrls.orders}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'MUG-WHT', quantity: 1 }] }),
    });
    expect(res.status).toBe(201);
  }
}, 150_000);

afterAll(async () => {
  await stack?.stopAll();
});

describe('orders-api → profile-api with client credentials', () => {
  it('1,000 admin lists: 1 token request at the IdP, 1,000 batch calls to profile-api', async () => {
    const tokensBefore = idpTokenRequests();
    const batchesBefore = batchCalls();
    const results = await runLoad({
      workers: 4,
      done: (worker, i) => i >= 250, // 4 × 250
      once: adminList,
    });
    expect(tally(results)).toEqual({ '200': 1000 });
    expect(customersOf(results[0]!.page)).toEqual({
      'auth0|alice': 'known',
      'auth0|bob': 'no-profile',
    });
    expect(results.every((r) => r.page?.items.some((o) => o.customer.status === 'known'))).toBe(
      true,
    );
    // The access log is written as requests finish; wait for profile-api's last lines.
    await expect.poll(() => batchCalls() - batchesBefore, { timeout: 10_000 }).toBe(1000);
    const tokenRequests = idpTokenRequests() - tokensBefore;
    expect(tokenRequests).toBe(1);
    console.info(
      `service calls: 1000 admin lists → ${tokenRequests} token request (IdP access log), ${batchCalls() - batchesBefore} batch calls to profile-api`,
    );
  });

  it('a fresh orders-api process: 50 concurrent first admin lists cost 1 token request', async () => {
    await stack.stop('orders-api');
    await stack.start('orders-api');
    const before = idpTokenRequests();
    const results = await Promise.all(Array.from({ length: 50 }, adminList));
    expect(tally(results)).toEqual({ '200': 50 });
    const tokenRequests = idpTokenRequests() - before;
    expect(tokenRequests).toBe(1);
    console.info(`service calls: 50 concurrent first calls → ${tokenRequests} token request`);
  });

  it('profile-api down: the admin list answers 200 with names unavailable; back up: names again, no restart of orders-api', async () => {
    await stack.stop('profile-api');
    let down: Awaited<ReturnType<typeof adminList>>;
    try {
      down = await adminList();
    } finally {
      await stack.start('profile-api');
    }
    expect(down.status).toBe(200);
    expect(customersOf(down.page)).toEqual({
      'auth0|alice': 'unavailable',
      'auth0|bob': 'unavailable',
    });
    const back = await adminList();
    expect(back.status).toBe(200);
    expect(customersOf(back.page)).toEqual({
      'auth0|alice': 'known',
      'auth0|bob': 'no-profile',
    });
  });
});
