import { randomUUID } from 'node:crypto';
import { orderSchema } from '@repo/api-contracts/orders';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appFor,
  bearer,
  postOrder,
  restartableDatabase,
  sampleOrder,
  useIdp,
  userToken,
} from './support/setup';

const h = useIdp();
let database: Awaited<ReturnType<typeof restartableDatabase>>;

beforeAll(async () => {
  database = await restartableDatabase();
});

afterAll(async () => {
  await database?.cleanup();
});

it('keeps orders, their status and their Idempotency-Keys across a restart', async () => {
  const { config, idp } = h;
  const auth = bearer(await userToken(idp, 'alice'));
  const key = randomUUID();

  const first = await database.start();
  expect(first.applied).toEqual(['0001_create_orders']);
  const before = appFor(config, first.db);
  const kept = orderSchema.parse((await postOrder(before, auth, sampleOrder, key)).body);
  const cancelled = orderSchema.parse(
    (await postOrder(before, auth, { items: [{ sku: 'CAP-NVY', quantity: 1 }] })).body,
  );
  expect(
    (await request(before).post(`/orders/${cancelled.id}/cancel`).set('Authorization', auth))
      .status,
  ).toBe(200);
  await first.db.close();

  const second = await database.start();
  // Already applied: a second start migrates nothing.
  expect(second.applied).toEqual([]);
  const after = appFor(config, second.db);
  const list = await request(after).get('/orders').set('Authorization', auth);
  expect(list.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
    [cancelled.id, 'cancelled'],
    [kept.id, 'pending'],
  ]);
  expect((await request(after).get(`/orders/${kept.id}`).set('Authorization', auth)).body).toEqual(
    kept,
  );
  const retry = await postOrder(after, auth, sampleOrder, key);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body).toEqual(kept);
  await second.db.close();
});
