import type { ApiHttp } from './http-client';
import {
  catalogSchema,
  orderListSchema,
  orderSchema,
  type CreateOrderRequest,
} from '@repo/api-contracts/orders';

/** Typed calls to orders-api; each answer is checked against the contract. */
export function ordersClient(http: ApiHttp) {
  return {
    catalog: async () =>
      (await http({ method: 'GET', path: '/catalog', schema: catalogSchema })).data,

    listOrders: async (page: { limit?: number; cursor?: string } = {}) =>
      (await http({ method: 'GET', path: '/orders', query: page, schema: orderListSchema })).data,

    /** The key makes a retried submit (double click, reload) answer the first order, not a second. */
    createOrder: async (input: CreateOrderRequest, idempotencyKey: string) => {
      const res = await http({
        method: 'POST',
        path: '/orders',
        body: { items: input.items },
        headers: { 'Idempotency-Key': idempotencyKey },
        schema: orderSchema,
      });
      return { order: res.data, replayed: res.headers.get('idempotent-replayed') === 'true' };
    },

    cancelOrder: async (orderId: string) =>
      (
        await http({
          method: 'POST',
          path: `/orders/${encodeURIComponent(orderId)}/cancel`,
          schema: orderSchema,
        })
      ).data,
  };
}
