import { randomUUID } from 'node:crypto';
import { apis, type Scope } from '@repo/auth-config';
import { runAuthMatrix, runCorsChecks, type HttpMethod, type TestDatabase } from '@repo/service-kit/testing';
import type { Express } from 'express';
import { afterAll, beforeAll, describe } from 'vitest';
import { createCatalog } from '../src/catalog';
import { createOrderStore } from '../src/orders/store';
import { admin, appFor, configFor, counting, openTestDb, read, sampleOrder, startIdp, webOrigin, write, type Idp } from './support/setup';

let idp: Idp;
let testDb: TestDatabase;
let app: Express;
let handlerCalls: () => number;

beforeAll(async () => {
  idp = await startIdp();
  testDb = await openTestDb();
  // Every store and catalog call is counted: the catalog route touches no store.
  const store = counting(createOrderStore(testDb.db.orm));
  const catalog = counting(createCatalog());
  handlerCalls = () => store.calls() + catalog.calls();
  app = appFor(configFor(idp), testDb.db, { orders: store.value, catalog: catalog.value });
});

afterAll(async () => {
  await testDb?.cleanup();
  await idp?.stop();
});

// An id nobody owns: the positive control gets through auth and answers 404.
const someId = randomUUID();
const routes: { method: HttpMethod; path: string; scope: Scope; body?: unknown }[] = [
  { method: 'get', path: '/catalog', scope: read },
  { method: 'get', path: '/orders', scope: read },
  { method: 'get', path: `/orders/${someId}`, scope: read },
  { method: 'post', path: '/orders', scope: write, body: sampleOrder },
  { method: 'post', path: `/orders/${someId}/cancel`, scope: write },
  { method: 'get', path: '/admin/orders', scope: admin },
];

for (const route of routes) {
  describe(`${route.method.toUpperCase()} ${route.path} refuses every bad credential before any handler runs`, () => {
    runAuthMatrix({
      app: () => app,
      idp: () => idp,
      method: route.method,
      path: route.path,
      body: route.body,
      audience: apis.orders.audience,
      requiredScope: route.scope,
      otherScopes: [read, write, admin].filter((s) => s !== route.scope),
      handlerCalls: () => handlerCalls(),
    });
  });
}

describe('CORS', () => {
  runCorsChecks({ app: () => app, path: '/orders', method: 'POST', allowedOrigin: webOrigin });
});
