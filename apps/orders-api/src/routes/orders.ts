import { createOrderRequestSchema, orderIdSchema } from '@repo/api-contracts/orders';
import { apis } from '@repo/auth-config';
import { parseInput, problems, requireScope, subjectOf } from '@repo/service-kit';
import type { Request, Router } from 'express';
import type { Catalog } from '../catalog';
import { idempotencyClaimOf, idempotencyKeyHeader, replayedHeader } from '../orders/idempotency';
import { pageRequestOf, toPage } from '../orders/paging';
import { priceOrder } from '../orders/pricing';
import type { OrderStore } from '../orders/store';
import { toOrder } from '../orders/to-response';

const { read, write } = apis.orders.scopes;

/** The `:id` of the path; not a UUID means no such order (404), never a database error. */
function orderIdOf(req: Request): string {
  const parsed = orderIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw problems.notFound('No such order.');
  return parsed.data;
}

/** The caller's own orders. Another user's order is a 404: its existence is not confirmed. */
export function orderRoutes(store: OrderStore, catalog: Catalog): (router: Router) => void {
  return (router) => {
    router.get('/orders', requireScope(read), async (req, res) => {
      const page = pageRequestOf(req.query);
      res.json(toPage(await store.listOwn(subjectOf(req), page), toOrder));
    });

    router.get('/orders/:id', requireScope(read), async (req, res) => {
      const row = await store.getOwn(subjectOf(req), orderIdOf(req));
      if (!row) throw problems.notFound('No such order.');
      res.json(toOrder(row));
    });

    router.post('/orders', requireScope(write), async (req, res) => {
      const request = parseInput(createOrderRequestSchema, req.body);
      const claim = idempotencyClaimOf(req.get(idempotencyKeyHeader), request);
      const result = await store.create(subjectOf(req), priceOrder(request, catalog), claim);
      if (result.kind === 'key-reused') {
        throw problems.unprocessable(
          `This ${idempotencyKeyHeader} was already used with a different request body.`,
        );
      }
      if (result.kind === 'replayed') res.set(replayedHeader, 'true');
      res.status(result.status).json(result.body);
    });

    router.post('/orders/:id/cancel', requireScope(write), async (req, res) => {
      const result = await store.cancelOwn(subjectOf(req), orderIdOf(req));
      if (result.kind === 'not-found') throw problems.notFound('No such order.');
      if (result.kind === 'not-pending') {
        throw problems.conflict(
          `Only a pending order can be cancelled; this one is ${result.row.status}.`,
        );
      }
      res.json(toOrder(result.row));
    });
  };
}
