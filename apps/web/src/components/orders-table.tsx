import type { Order } from '@repo/api-contracts/orders';
import { formatDateTime, formatMoney } from '@/lib/format';
import styles from './ui.module.css';

/** Orders as rows; `action` renders per-row controls (e.g. Cancel) where a page allows them. */
export function OrdersTable({
  orders,
  caption,
  action,
}: {
  readonly orders: readonly Order[];
  readonly caption: string;
  readonly action?: (order: Order) => React.ReactNode;
}) {
  if (orders.length === 0) return <p className={styles.muted}>No orders yet.</p>;
  return (
    <table className={styles.table}>
      <caption className={styles.muted}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Placed</th>
          <th scope="col">Items</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
          {action && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-order-id={order.id}>
            <td>{formatDateTime(order.createdAt)}</td>
            <td>{order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}</td>
            <td>{formatMoney(order.totalCents, order.currency)}</td>
            <td className={styles.status} data-status-of={order.id}>
              {order.status}
            </td>
            {action && <td>{action(order)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
