import type { Catalog as CatalogBody } from '@repo/api-contracts/orders';
import { apis } from '@repo/auth-config';
import { requireScope, staticJson, type StaticJsonSender } from '@repo/service-kit';
import type { Router } from 'express';
import type { Catalog } from '../catalog';

/** GET /catalog: the SKUs and the server's prices. */
export function catalogRoutes(catalog: Catalog): (router: Router) => void {
  return (router) => {
    // The catalog is fixed for the life of the app: its answer is written once, not per request.
    let send: StaticJsonSender | undefined;
    router.get('/catalog', requireScope(apis.orders.scopes.read), (_req, res) => {
      send ??= staticJson({ items: [...catalog.list()] } satisfies CatalogBody);
      send(res);
    });
  };
}
