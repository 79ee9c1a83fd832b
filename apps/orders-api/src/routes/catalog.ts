import type { Catalog as CatalogBody } from '@repo/api-contracts/orders';
import { apis } from '@repo/auth-config';
import { requireScope } from '@repo/service-kit';
import type { Router } from 'express';
import type { Catalog } from '../catalog';

/** GET /catalog: the SKUs and the server's prices. */
export function catalogRoutes(catalog: Catalog): (router: Router) => void {
  return (router) => {
    // The catalog is fixed for the life of the app: its JSON is written once, not per request.
    let json: string | undefined;
    router.get('/catalog', requireScope(apis.orders.scopes.read), (_req, res) => {
      if (json === undefined) {
        const body: CatalogBody = { items: [...catalog.list()] };
        json = JSON.stringify(body);
      }
      res.type('application/json').send(json);
    });
  };
}
