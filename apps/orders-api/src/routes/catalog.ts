import type { Catalog as CatalogBody } from '@repo/api-contracts/orders';
import { apis } from '@repo/auth-config';
import { requireScope } from '@repo/service-kit';
import type { Router } from 'express';
import type { Catalog } from '../catalog';

/** GET /catalog: the SKUs and the server's prices. */
export function catalogRoutes(catalog: Catalog): (router: Router) => void {
  return (router) => {
    router.get('/catalog', requireScope(apis.orders.scopes.read), (_req, res) => {
      const body: CatalogBody = { items: [...catalog.list()] };
      res.json(body);
    });
  };
}
