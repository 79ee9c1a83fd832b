import { randomUUID } from 'node:crypto';
import { apis, type Scope } from '@repo/auth-config';
import { runAuthMatrix, runCorsChecks, type HttpMethod } from '@repo/api-testing';
import { describe } from 'vitest';
import { createCatalog } from '../src/catalog';
import { createOrderStore } from '../src/orders/store';
import { admin, counting, read, sampleOrder, useHarness, webOrigin, write } from './support/setup';

let handlerCalls: () => number;
// Every store and catalog call is counted: the catalog route touches no store.
const h = useHarness((db) => {
  const store = counting(createOrderStore(db.orm));
  const catalog = counting(createCatalog());
  handlerCalls = () => store.calls() + catalog.calls();
  return { orders: store.value, catalog: catalog.value };
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
      app: () => h.app,
      idp: () => h.idp,
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
  runCorsChecks({ app: () => h.app, path: '/orders', method: 'POST', allowedOrigin: webOrigin });
});
