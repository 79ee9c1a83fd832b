import type { ApiHttp } from './http-client';
import {
  adminOrderListSchema,
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

    /** Another user's order is a 404 from the API, as if it did not exist (an ApiError `not-found`). */
    getOrder: async (orderId: string) =>
      (
        await http({
          method: 'GET',
          path: `/orders/${encodeURIComponent(orderId)}`,
          schema: orderSchema,
        })
      ).data,

    /** Every user's orders with their customers; the API refuses it without the admin scope. */
    adminListOrders: async (page: { limit?: number; cursor?: string } = {}) =>
      (
        await http({
          method: 'GET',
          path: '/admin/orders',
          query: page,
          schema: adminOrderListSchema,
        })
      ).data,

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
