import type { AdminOrder, Customer, Order } from '@repo/api-contracts/orders';
import type { OrderRow } from '../db/schema';

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    status: row.status,
    // Listed field by field: jsonb reorders keys, and responses should read the same every time.
    items: row.items.map(({ sku, name, quantity, unitPriceCents, lineTotalCents }) => ({
      sku,
      name,
      quantity,
      unitPriceCents,
      lineTotalCents,
    })),
    totalCents: row.totalCents,
    currency: row.currency,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The admin list also says whose order it is, and who that is. */
export function toAdminOrder(row: OrderRow, customer: Customer): AdminOrder {
  return { ...toOrder(row), sub: row.sub, customer };
}
