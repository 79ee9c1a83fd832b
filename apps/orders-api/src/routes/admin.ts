import { apis } from '@repo/auth-config';
import { requireScope } from '@repo/service-kit';
import type { Request, Router } from 'express';
import type { CustomerDirectory } from '../customers';
import { pageRequestOf, toPage } from '../orders/paging';
import type { OrderStore } from '../orders/store';
import { toAdminOrder } from '../orders/to-response';

/** The request id service-kit gave this request: profile-api's log line carries it too. */
const requestIdOf = (req: Request) =>
  String((req as Request & { id?: unknown }).id ?? '') || undefined;

/**
 * GET /admin/orders: every user's orders, newest first, each with who placed it (one batch
 * call to profile-api per page); admin scope only.
 */
export function adminRoutes(
  store: OrderStore,
  customers: CustomerDirectory,
): (router: Router) => void {
  return (router) => {
    router.get('/admin/orders', requireScope(apis.orders.scopes.admin), async (req, res) => {
      const page = await store.listAll(pageRequestOf(req.query));
      const owners = await customers.lookup(
        page.rows.map((row) => row.sub),
        { requestId: requestIdOf(req) },
      );
      res.json(toPage(page, (row) => toAdminOrder(row, owners.get(row.sub)!)));
    });
  };
}
