import { apis } from '@repo/auth-config';
import { requireScope } from '@repo/service-kit';
import type { Router } from 'express';
import { pageRequestOf, toPage } from '../orders/paging';
import type { OrderStore } from '../orders/store';
import { toAdminOrder } from '../orders/to-response';

/** GET /admin/orders: every user's orders, newest first; admin scope only. */
export function adminRoutes(store: OrderStore): (router: Router) => void {
  return (router) => {
    router.get('/admin/orders', requireScope(apis.orders.scopes.admin), async (req, res) => {
      res.json(toPage(await store.listAll(pageRequestOf(req.query)), toAdminOrder));
    });
  };
}
