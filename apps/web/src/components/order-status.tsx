import type { OrderStatus } from '@repo/api-contracts/orders';
import styles from './ui.module.css';

/**
 * An order's status as text, marked with the order's id. Every place that shows a status uses
 * it, so the same element is there whether the status is pending (with its Cancel button),
 * shown optimistically, or rendered by the server after the change.
 */
export function OrderStatusText({
  orderId,
  status,
}: {
  readonly orderId: string;
  readonly status: OrderStatus;
}) {
  return (
    <span className={styles.status} data-status-of={orderId}>
      {status}
    </span>
  );
}
