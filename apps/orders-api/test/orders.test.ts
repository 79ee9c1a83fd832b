import { randomUUID } from 'node:crypto';
import {
  adminOrderListSchema,
  catalogSchema,
  orderListSchema,
  orderSchema,
  type Order,
} from '@repo/api-contracts/orders';
import { captureLogs, type TestDatabase } from '@repo/api-testing';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogItems } from '../src/catalog';
import {
  admin,
  bearer,
  expectProblem,
  orderCount,
  postOrder,
  read,
  sampleOrder,
  subjectToken,
  userOf,
  useHarness,
  userToken,
  write,
  type Idp,
} from './support/setup';

const logs = captureLogs('orders-api');
const h = useHarness(() => ({ logger: logs.logger }));
const auth: Record<'alice' | 'bob' | 'carol' | 'admin', string> = {
  alice: '',
  bob: '',
  carol: '',
  admin: '',
};
let app: Express;
let idp: Idp;
let testDb: TestDatabase;

beforeAll(async () => {
  ({ app, idp, testDb } = h);
  for (const name of ['alice', 'bob', 'carol', 'admin'] as const)
    auth[name] = bearer(await userToken(idp, name));
});

async function createOrder(who: string, body: unknown = sampleOrder): Promise<Order> {
  const res = await postOrder(app, who, body);
  expect(res.status, res.text).toBe(201);
  return orderSchema.parse(res.body);
}

describe('GET /catalog', () => {
  it('lists every SKU with the price the server sets', async () => {
    const res = await request(app).get('/catalog').set('Authorization', auth.carol);
    expect(res.status).toBe(200);
    const catalog = catalogSchema.parse(res.body);
    expect(catalog.items).toEqual(catalogItems);
    expect(catalog.items.length).toBeGreaterThan(1);
  });
});

describe('POST /orders', () => {
  it('creates a pending order priced by the server, and answers 201 with it', async () => {
    const res = await postOrder(app, auth.alice, {
      items: [
        { sku: 'TEE-BLK-M', quantity: 2 },
        { sku: 'MUG-WHT', quantity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    const order = orderSchema.parse(res.body);
    expect(order).toMatchObject({
      status: 'pending',
      currency: 'USD',
      totalCents: 2 * 1999 + 1250,
      items: [
        {
          sku: 'TEE-BLK-M',
          name: 'T-shirt, black, M',
          quantity: 2,
          unitPriceCents: 1999,
          lineTotalCents: 3998,
        },
        {
          sku: 'MUG-WHT',
          name: 'Mug, white',
          quantity: 1,
          unitPriceCents: 1250,
          lineTotalCents: 1250,
        },
      ],
    });
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const read = await request(app).get(`/orders/${order.id}`).set('Authorization', auth.alice);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('creates a new order for each request without an Idempotency-Key', async () => {
    const first = await createOrder(auth.alice);
    const second = await createOrder(auth.alice);
    expect(second.id).not.toBe(first.id);
  });

  it('lets Carol (read-only) read the catalog and her orders, but not create or cancel', async () => {
    const sub = userOf('carol').sub;
    const res = await postOrder(app, auth.carol);
    expectProblem(res, 403);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(res.headers['www-authenticate']).toContain(`scope="${write}"`);
    expect(await orderCount(testDb.db, sub)).toBe(0);
    const list = await request(app).get('/orders').set('Authorization', auth.carol);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], nextCursor: null });
    const alices = await createOrder(auth.alice);
    expectProblem(
      await request(app).post(`/orders/${alices.id}/cancel`).set('Authorization', auth.carol),
      403,
    );
  });
});

describe('pricing: the client sends SKUs and quantities, nothing else', () => {
  const sub = 'auth0|pricing';
  let who: string;
  beforeAll(async () => {
    who = bearer(await subjectToken(idp, sub));
  });

  it.each([
    ['an unknown SKU', { items: [{ sku: 'NOPE-404', quantity: 1 }] }, 'items.0.sku'],
    [
      'an unknown SKU next to a known one',
      {
        items: [
          { sku: 'MUG-WHT', quantity: 1 },
          { sku: 'GOLD-BAR', quantity: 1 },
        ],
      },
      'items.1.sku',
    ],
    ['quantity 0', { items: [{ sku: 'MUG-WHT', quantity: 0 }] }, 'items.0.quantity'],
    ['quantity 101', { items: [{ sku: 'MUG-WHT', quantity: 101 }] }, 'items.0.quantity'],
    ['a negative quantity', { items: [{ sku: 'MUG-WHT', quantity: -1 }] }, 'items.0.quantity'],
    ['a fractional quantity', { items: [{ sku: 'MUG-WHT', quantity: 1.5 }] }, 'items.0.quantity'],
    ['a quantity as a string', { items: [{ sku: 'MUG-WHT', quantity: '2' }] }, 'items.0.quantity'],
    [
      'a client-sent price on a line',
      { items: [{ sku: 'MUG-WHT', quantity: 1, priceCents: 1 }] },
      'items.0',
    ],
    [
      'a client-sent unit price on a line',
      { items: [{ sku: 'MUG-WHT', quantity: 1, unitPriceCents: 1 }] },
      'items.0',
    ],
    ['a client-sent total', { items: [{ sku: 'MUG-WHT', quantity: 1 }], totalCents: 1 }, '(root)'],
    [
      'a client-sent status',
      { items: [{ sku: 'MUG-WHT', quantity: 1 }], status: 'cancelled' },
      '(root)',
    ],
    [
      'a client-sent currency',
      { items: [{ sku: 'MUG-WHT', quantity: 1 }], currency: 'JPY' },
      '(root)',
    ],
    ['no items', { items: [] }, 'items'],
    [
      'the same SKU twice',
      {
        items: [
          { sku: 'MUG-WHT', quantity: 1 },
          { sku: 'MUG-WHT', quantity: 2 },
        ],
      },
      'items',
    ],
    ['a JSON array', [{ sku: 'MUG-WHT', quantity: 1 }], '(root)'],
  ])(
    'rejects %s with a 400 problem naming the field, and creates nothing',
    async (_what, body, path) => {
      const res = await postOrder(app, who, body);
      const problem = expectProblem(res, 400);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      expect(await orderCount(testDb.db, sub)).toBe(0);
    },
  );
});

describe('GET /orders/:id and POST /orders/:id/cancel', () => {
  it('cancels a pending order once; a second cancel is 409 and changes nothing', async () => {
    const order = await createOrder(auth.alice);
    const cancelled = await request(app)
      .post(`/orders/${order.id}/cancel`)
      .set('Authorization', auth.alice);
    expect(cancelled.status).toBe(200);
    expect(orderSchema.parse(cancelled.body)).toMatchObject({
      id: order.id,
      status: 'cancelled',
      totalCents: order.totalCents,
    });
    const again = await request(app)
      .post(`/orders/${order.id}/cancel`)
      .set('Authorization', auth.alice);
    expectProblem(again, 409);
    const read = await request(app).get(`/orders/${order.id}`).set('Authorization', auth.alice);
    expect(read.body).toEqual(cancelled.body);
  });

  it('answers 404 for an id nobody has, and for one that is not an order id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "1' or '1'='1"]) {
      expectProblem(
        await request(app)
          .get(`/orders/${encodeURIComponent(id)}`)
          .set('Authorization', auth.alice),
        404,
      );
      expectProblem(
        await request(app)
          .post(`/orders/${encodeURIComponent(id)}/cancel`)
          .set('Authorization', auth.alice),
        404,
      );
    }
  });
});

describe("object-level authorization: Alice's order is hers alone", () => {
  it('is a 404 for Bob to read or to cancel, exactly like an order that does not exist, and stays pending', async () => {
    const order = await createOrder(auth.alice);
    const bobRead = await request(app).get(`/orders/${order.id}`).set('Authorization', auth.bob);
    const bobCancel = await request(app)
      .post(`/orders/${order.id}/cancel`)
      .set('Authorization', auth.bob);
    const missing = await request(app)
      .get(`/orders/${randomUUID()}`)
      .set('Authorization', auth.bob);
    // Same answer as for a missing order, but for the echoed path and the request id.
    const { type, title, detail } = expectProblem(missing, 404);
    for (const res of [bobRead, bobCancel])
      expect(expectProblem(res, 404)).toMatchObject({ type, title, detail });
    const after = await request(app).get(`/orders/${order.id}`).set('Authorization', auth.alice);
    expect(after.body.status).toBe('pending');
  });

  it("is not in Bob's list, and Bob's orders are not in Alice's", async () => {
    const alices = await createOrder(auth.alice);
    const bobs = await createOrder(auth.bob);
    const bobList = orderListSchema.parse(
      (await request(app).get('/orders?limit=100').set('Authorization', auth.bob)).body,
    );
    const aliceList = orderListSchema.parse(
      (await request(app).get('/orders?limit=100').set('Authorization', auth.alice)).body,
    );
    expect(bobList.items.map((o) => o.id)).toContain(bobs.id);
    expect(bobList.items.map((o) => o.id)).not.toContain(alices.id);
    expect(aliceList.items.map((o) => o.id)).toContain(alices.id);
    expect(aliceList.items.map((o) => o.id)).not.toContain(bobs.id);
  });
});

describe('GET /orders: newest first, with cursor pagination', () => {
  const sub = 'auth0|paging';
  let who: string;
  const created: Order[] = [];
  beforeAll(async () => {
    who = bearer(await subjectToken(idp, sub));
    for (let i = 1; i <= 5; i += 1)
      created.push(await createOrder(who, { items: [{ sku: 'STICKER-PACK', quantity: i }] }));
  });

  it('walks every order exactly once, newest first, then answers nextCursor null', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string =
        cursor === null ? 'limit=2' : `limit=2&cursor=${encodeURIComponent(cursor)}`;
      const res = await request(app).get(`/orders?${query}`).set('Authorization', who);
      expect(res.status).toBe(200);
      const page = orderListSchema.parse(res.body);
      sizes.push(page.items.length);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(created.map((o) => o.id).reverse());
  });

  it('defaults to one page of up to 20 when no limit is given', async () => {
    const page = orderListSchema.parse(
      (await request(app).get('/orders').set('Authorization', who)).body,
    );
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it('shows an order created after a page was read at the top, never twice', async () => {
    const first = orderListSchema.parse(
      (await request(app).get('/orders?limit=3').set('Authorization', who)).body,
    );
    const newer = await createOrder(who, { items: [{ sku: 'CAP-NVY', quantity: 1 }] });
    const rest = orderListSchema.parse(
      (
        await request(app)
          .get(`/orders?limit=100&cursor=${first.nextCursor!}`)
          .set('Authorization', who)
      ).body,
    );
    const ids = [...first.items, ...rest.items].map((o) => o.id);
    expect(ids).not.toContain(newer.id);
    expect(new Set(ids).size).toBe(ids.length);
    const top = orderListSchema.parse(
      (await request(app).get('/orders?limit=1').set('Authorization', who)).body,
    );
    expect(top.items[0]!.id).toBe(newer.id);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=bm9wZQ', 'cursor'],
    [`cursor=${Buffer.from('o1:-5').toString('base64url')}`, 'cursor'],
  ])('rejects ?%s with a 400 problem', async (query, path) => {
    const res = await request(app).get(`/orders?${query}`).set('Authorization', who);
    expect(expectProblem(res, 400).errors?.map((e) => e.path)).toContain(path);
  });
});

describe('GET /admin/orders', () => {
  it("lists every user's orders with their owner, newest first, paged", async () => {
    const alices = await createOrder(auth.alice);
    const bobs = await createOrder(auth.bob);
    const res = await request(app).get('/admin/orders?limit=2').set('Authorization', auth.admin);
    expect(res.status).toBe(200);
    const page = adminOrderListSchema.parse(res.body);
    expect(page.items.map((o) => [o.id, o.sub])).toEqual([
      [bobs.id, userOf('bob').sub],
      [alices.id, userOf('alice').sub],
    ]);
    expect(page.nextCursor).not.toBeNull();
    const next = adminOrderListSchema.parse(
      (
        await request(app)
          .get(`/admin/orders?limit=100&cursor=${page.nextCursor!}`)
          .set('Authorization', auth.admin)
      ).body,
    );
    const all = [...page.items, ...next.items];
    const total = await testDb.db.query<{ n: number }>('select count(*)::int as n from orders');
    expect(all).toHaveLength(total[0]!.n);
    expect(new Set(all.map((o) => o.sub)).size).toBeGreaterThan(2);
  });

  it('is a 403 for a user without admin:orders, even one who can read and write orders', async () => {
    for (const who of [auth.alice, auth.bob, auth.carol]) {
      const res = await request(app).get('/admin/orders').set('Authorization', who);
      expectProblem(res, 403);
      expect(res.headers['www-authenticate']).toContain(`scope="${admin}"`);
    }
    const scoped = bearer(await subjectToken(idp, 'auth0|not-admin', [read, write]));
    expectProblem(await request(app).get('/admin/orders').set('Authorization', scoped), 403);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz without a token', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/readyz')).status).toBe(200);
  });
});

describe('logs', () => {
  it('record every request but never a token, wherever the client put it', async () => {
    const token = await userToken(idp, 'alice');
    await postOrder(app, bearer(token), sampleOrder, 'log-check');
    await request(app).get(`/orders?access_token=${token}`);
    await request(app).get('/orders').set('Authorization', `Bearer ${token}x`);
    const lines = logs.lines();
    expect(lines.some((l) => l.includes('"statusCode":201'))).toBe(true);
    const signatures = [token, ...Object.values(auth).map((a) => a.slice('Bearer '.length))].map(
      (t) => t.split('.')[2]!,
    );
    for (const line of lines)
      for (const signature of signatures) expect(line).not.toContain(signature);
  });
});
