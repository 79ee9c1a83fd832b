import { adminOrderListSchema, type AdminOrder } from '@repo/api-contracts/orders';
import { apis } from '@repo/auth-config';
import { captureLogs } from '@repo/api-testing';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appFor,
  bearer,
  postOrder,
  subjectToken,
  useHarness,
  userOf,
  userToken,
} from './support/setup';

/**
 * The admin list names each order's customer: orders-api asks profile-api (here a stub that
 * verifies tokens like profile-api) in one batch call per page, as itself, with the token it got
 * from the real local IdP's token endpoint.
 */
const logs = captureLogs('orders-api');
const h = useHarness(() => ({ logger: logs.logger }));
const alice = userOf('alice');
const bob = userOf('bob');
// A user who orders but never opened their profile.
const newcomer = 'google-oauth2|1234 5678';
let adminAuth: string;

beforeAll(async () => {
  adminAuth = bearer(await userToken(h.idp, 'admin'));
  h.profile.profiles.set(alice.sub, {
    sub: alice.sub,
    displayName: 'Alice A.',
    email: alice.email,
  });
  h.profile.profiles.set(bob.sub, { sub: bob.sub, displayName: 'Bob B.', email: null });
  for (const who of [
    bearer(await userToken(h.idp, 'alice')),
    bearer(await userToken(h.idp, 'bob')),
    bearer(await subjectToken(h.idp, newcomer)),
    bearer(await userToken(h.idp, 'alice')),
  ])
    expect((await postOrder(h.app, who)).status).toBe(201);
});

async function adminList(app: Express = h.app, query = '?limit=100') {
  const res = await request(app).get(`/admin/orders${query}`).set('Authorization', adminAuth);
  expect(res.status, res.text).toBe(200);
  return adminOrderListSchema.parse(res.body).items;
}

const customersBySub = (items: readonly AdminOrder[]) =>
  Object.fromEntries(items.map((o) => [o.sub, o.customer]));

describe('GET /admin/orders names each customer', () => {
  it("with their profile's name and email, or says they have no profile yet", async () => {
    expect(customersBySub(await adminList())).toEqual({
      [alice.sub]: { status: 'known', displayName: 'Alice A.', email: alice.email },
      [bob.sub]: { status: 'known', displayName: 'Bob B.', email: null },
      [newcomer]: { status: 'no-profile' },
    });
  });

  it('in ONE batch call per page, with the distinct owners, as orders-api itself', async () => {
    const before = h.profile.calls.length;
    const items = await adminList();
    expect(items).toHaveLength(4);
    expect(h.profile.calls.slice(before)).toEqual([
      {
        sub: 'local-orders-api@clients',
        ids: expect.arrayContaining([alice.sub, bob.sub, newcomer]) as unknown as string[],
      },
    ]);
    expect(h.profile.calls.at(-1)!.ids).toHaveLength(3);
  });

  it('20 admin lists of a fresh app cost one token request', async () => {
    const app = appFor(h.config, h.testDb.db);
    const before = h.idp.tokenRequests();
    for (let i = 0; i < 20; i += 1) await adminList(app);
    expect(h.idp.tokenRequests() - before).toBe(1);
  });

  it('asks nothing when the page is empty', async () => {
    const app = appFor(h.config, h.testDb.db);
    const [calls, tokens] = [h.profile.calls.length, h.idp.tokenRequests()];
    const items = await adminList(
      app,
      `?limit=1&cursor=${Buffer.from('o1:1').toString('base64url')}`,
    );
    expect(items).toEqual([]);
    expect([h.profile.calls.length, h.idp.tokenRequests()]).toEqual([calls, tokens]);
  });
});

describe('profile-api unavailable', () => {
  it('down: the list still answers 200, every name marked unavailable; back up: names again, same process', async () => {
    await h.profile.stop();
    let items: AdminOrder[];
    try {
      items = await adminList();
    } finally {
      await h.profile.start();
    }
    expect(items).toHaveLength(4);
    expect(new Set(items.map((o) => JSON.stringify(o.customer)))).toEqual(
      new Set([JSON.stringify({ status: 'unavailable' })]),
    );
    expect(logs.lines().some((l) => l.includes('customer names unavailable'))).toBe(true);
    expect(customersBySub(await adminList())[alice.sub]).toEqual({
      status: 'known',
      displayName: 'Alice A.',
      email: alice.email,
    });
  });

  it('an error or an answer outside the contract is unavailable too, never a 5xx', async () => {
    h.profile.faults.push(
      { status: 500, body: '{"detail":"boom"}' },
      { status: 200, body: '{"items":[{"sub":42}]}' },
      { status: 200, body: 'not json' },
    );
    for (let i = 0; i < 3; i += 1) {
      const items = await adminList();
      expect(items.every((o) => o.customer.status === 'unavailable')).toBe(true);
    }
    expect((await adminList()).some((o) => o.customer.status === 'known')).toBe(true);
  });
});

describe('client-credentials tokens on user routes', () => {
  it('POST /orders and GET /orders answer 403, whatever the scopes, and create nothing', async () => {
    const token = bearer(
      await h.idp.mintServiceToken({
        caller: 'orders',
        api: 'orders',
        scope: Object.values(apis.orders.scopes).join(' '),
      }),
    );
    const created = await postOrder(h.app, token);
    expect(created.status).toBe(403);
    expect(created.body.detail).toMatch(/client-credentials/);
    expect((await request(h.app).get('/orders').set('Authorization', token)).status).toBe(403);
    expect((await request(h.app).get('/admin/orders').set('Authorization', token)).status).toBe(
      403,
    );
    const rows = await h.testDb.db.query(
      "select count(*)::int as n from orders where sub like '%@clients'",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
