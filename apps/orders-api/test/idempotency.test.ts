import { randomUUID } from 'node:crypto';
import { orderSchema } from '@repo/api-contracts/orders';
import type { TestDatabase } from '@repo/api-testing';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  expectProblem,
  orderCount,
  postOrder,
  sampleOrder,
  subjectToken,
  userOf,
  useHarness,
  userToken,
  type Idp,
} from './support/setup';

const h = useHarness();
let app: Express;
let idp: Idp;
let testDb: TestDatabase;

beforeAll(() => {
  ({ app, idp, testDb } = h);
});

/** A caller of its own, so that row counts see only this test's orders. */
async function freshCaller(): Promise<{ sub: string; auth: string }> {
  const sub = `auth0|idem-${randomUUID()}`;
  return { sub, auth: bearer(await subjectToken(idp, sub)) };
}

const replayed = 'idempotent-replayed';

describe('POST /orders with an Idempotency-Key', () => {
  it('answers a retry with the first answer and Idempotent-Replayed: true, creating nothing', async () => {
    const { sub, auth } = await freshCaller();
    const key = randomUUID();
    const first = await postOrder(app, auth, sampleOrder, key);
    expect(first.status).toBe(201);
    expect(first.headers[replayed]).toBeUndefined();
    // The same items with the fields written in another order are the same request.
    const retry = await postOrder(
      app,
      auth,
      { items: sampleOrder.items.map(({ quantity, sku }) => ({ quantity, sku })) },
      key,
    );
    expect(retry.status).toBe(201);
    expect(retry.headers[replayed]).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await orderCount(testDb.db, sub)).toBe(1);
  });

  it('replays the first answer even after the order changed, as the first request saw it', async () => {
    const { auth } = await freshCaller();
    const key = randomUUID();
    const first = await postOrder(app, auth, sampleOrder, key);
    const id = orderSchema.parse(first.body).id;
    expect(
      (await request(app).post(`/orders/${id}/cancel`).set('Authorization', auth)).status,
    ).toBe(200);
    const retry = await postOrder(app, auth, sampleOrder, key);
    expect(retry.headers[replayed]).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await request(app).get(`/orders/${id}`).set('Authorization', auth)).body.status).toBe(
      'cancelled',
    );
  });

  it('answers 422 when the key comes back with another body, and creates nothing', async () => {
    const { sub, auth } = await freshCaller();
    const key = randomUUID();
    expect((await postOrder(app, auth, sampleOrder, key)).status).toBe(201);
    const changed = await postOrder(app, auth, { items: [{ sku: 'MUG-WHT', quantity: 3 }] }, key);
    const problem = expectProblem(changed, 422);
    expect(problem.detail).toContain('Idempotency-Key');
    expect(changed.headers[replayed]).toBeUndefined();
    expect(await orderCount(testDb.db, sub)).toBe(1);
  });

  it('creates exactly one order under 10 concurrent identical requests, and all of them get it', async () => {
    const { sub, auth } = await freshCaller();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postOrder(app, auth, sampleOrder, key)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((r) => orderSchema.parse(r.body).id)).size).toBe(1);
    expect(answers.filter((r) => r.headers[replayed] === 'true')).toHaveLength(9);
    expect(await orderCount(testDb.db, sub)).toBe(1);
    const list = await request(app).get('/orders').set('Authorization', auth);
    expect(list.body.items).toHaveLength(1);
  });

  it('keeps concurrent requests with different keys apart: one order each', async () => {
    const { sub, auth } = await freshCaller();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postOrder(app, auth, sampleOrder, randomUUID())),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(5);
    expect(await orderCount(testDb.db, sub)).toBe(5);
  });

  it.each([
    ['empty', ''],
    ['a space inside', 'two words'],
    ['non-ASCII', 'clé'],
    ['too long', 'k'.repeat(256)],
  ])('rejects an Idempotency-Key that is %s with a 400, creating nothing', async (_what, key) => {
    const { sub, auth } = await freshCaller();
    const res = await request(app)
      .post('/orders')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send(sampleOrder);
    expectProblem(res, 400);
    expect(await orderCount(testDb.db, sub)).toBe(0);
  });
});

describe("Idempotency-Keys are scoped to the caller's sub", () => {
  it("gives Bob his own new order for Alice's key, never hers, and Alice's replay is unchanged", async () => {
    const alice = bearer(await userToken(idp, 'alice'));
    const bob = bearer(await userToken(idp, 'bob'));
    const key = `shared-${randomUUID()}`;
    const hers = await postOrder(app, alice, sampleOrder, key);
    expect(hers.status).toBe(201);

    const bobs = await postOrder(app, bob, sampleOrder, key);
    expect(bobs.status).toBe(201);
    expect(bobs.headers[replayed]).toBeUndefined();
    expect(bobs.body.id).not.toBe(hers.body.id);
    const owners = await testDb.db.query<{ id: string; sub: string }>(
      'select id, sub from orders where id = any($1::uuid[])',
      [[hers.body.id, bobs.body.id]],
    );
    expect(Object.fromEntries(owners.map((o) => [o.id, o.sub]))).toEqual({
      [hers.body.id]: userOf('alice').sub,
      [bobs.body.id]: userOf('bob').sub,
    });

    // Nor is another body from Bob under a key of hers a 422: that would tell him the key is in use.
    const herOtherKey = `probe-${randomUUID()}`;
    expect((await postOrder(app, alice, sampleOrder, herOtherKey)).status).toBe(201);
    const probe = await postOrder(
      app,
      bob,
      { items: [{ sku: 'CAP-NVY', quantity: 1 }] },
      herOtherKey,
    );
    expect(probe.status).toBe(201);
    expect(probe.headers[replayed]).toBeUndefined();

    const again = await postOrder(app, alice, sampleOrder, key);
    expect(again.headers[replayed]).toBe('true');
    expect(again.body).toEqual(hers.body);
  });
});
