import type { Order } from '@repo/api-contracts/orders';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/format';
import { LocalTime } from './local-time';
import { OrderStatusText } from './order-status';
import styles from './ui.module.css';

/** The cells every orders table shows after the date: what was ordered and what it cost. */
export function orderSummary(order: Order): string {
  return order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');
}

/**
 * Orders as rows, each date a link to the order's page. `statusCells` replaces the status cell
 * with a status and an actions cell (the orders page's Cancel, which updates the status itself).
 * `before` adds leading cells (the admin page's customer).
 */
export function OrdersTable<T extends Order>({
  orders,
  caption,
  locale,
  statusCells,
  before,
  linkToOrder = true,
}: {
  readonly orders: readonly T[];
  readonly caption: string;
  readonly locale: string;
  readonly statusCells?: (order: T) => ReactNode;
  readonly before?: { readonly heading: string; readonly cell: (order: T) => ReactNode };
  /** Whether each date links to /orders/[id], which shows the signed-in user's own orders only. */
  readonly linkToOrder?: boolean;
}) {
  if (orders.length === 0) return <p className={styles.muted}>No orders yet.</p>;
  return (
    <table className={styles.table}>
      <caption className={styles.muted}>{caption}</caption>
      <thead>
        <tr>
          {before && <th scope="col">{before.heading}</th>}
          <th scope="col">Placed</th>
          <th scope="col">Items</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
          {statusCells && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-order-id={order.id}>
            {before && <td data-label={before.heading}>{before.cell(order)}</td>}
            <td data-label="Placed">
              {linkToOrder ? (
                <Link href={`/orders/${order.id}`}>
                  <LocalTime iso={order.createdAt} locale={locale} />
                </Link>
              ) : (
                <LocalTime iso={order.createdAt} locale={locale} />
              )}
            </td>
            <td data-label="Items">{orderSummary(order)}</td>
            <td data-label="Total">{formatMoney(order.totalCents, order.currency, locale)}</td>
            {statusCells ? (
              statusCells(order)
            ) : (
              <td data-label="Status">
                <OrderStatusText orderId={order.id} status={order.status} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
