import { orderListSchema } from '@repo/api-contracts/orders';
import request from 'supertest';
import { expect, it } from 'vitest';
import { createCatalog } from '../src/catalog';
import { seedDevOrders, shouldSeed } from '../src/dev-seed';
import { createOrderStore } from '../src/orders/store';
import { bearer, useHarness, userToken } from './support/setup';

const h = useHarness();

it('seeds only under the local profile outside production', () => {
  expect(shouldSeed({ profile: 'local', production: false })).toBe(true);
  expect(shouldSeed({ profile: 'local', production: true })).toBe(false);
  expect(shouldSeed({ profile: 'auth0', production: false })).toBe(false);
  expect(shouldSeed({ profile: 'auth0', production: true })).toBe(false);
});

it('gives Alice exactly two orders, however often it runs, and nobody else any', async () => {
  const { app, idp, testDb } = h;
  const alice = bearer(await userToken(idp, 'alice'));
  // Tests seed nothing on their own: the database starts empty.
  expect((await request(app).get('/orders').set('Authorization', alice)).body.items).toEqual([]);

  const store = createOrderStore(testDb.db.orm);
  expect(await seedDevOrders(store, createCatalog())).toBe(2);
  expect(await seedDevOrders(store, createCatalog())).toBe(0);

  const page = orderListSchema.parse(
    (await request(app).get('/orders').set('Authorization', alice)).body,
  );
  expect(page.items).toHaveLength(2);
  expect(page.items.every((o) => o.status === 'pending' && o.totalCents > 0)).toBe(true);
  const bob = bearer(await userToken(idp, 'bob'));
  expect((await request(app).get('/orders').set('Authorization', bob)).body.items).toEqual([]);
});
