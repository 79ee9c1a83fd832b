'use client';

import { cancellableStatus, type OrderStatus } from '@repo/api-contracts/orders';
import { useOptimistic, useState } from 'react';
import { OrderStatusText } from '@/components/order-status';
import styles from '@/components/ui.module.css';
import { idleForm, type FormState } from '@/lib/form-state';
import { cancelOrderAction } from './actions';

/**
 * An order's status and its Cancel button. The status says "cancelled" the moment the button is
 * pressed (optimistic); when the API refuses or cannot be reached, it goes back to what the
 * server last said and the reason is announced. On success the page's new render keeps it.
 */
export function CancellableStatus({
  orderId,
  status,
  layout,
}: {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** Two table cells (status, actions), or inline for the order's own page. */
  readonly layout: 'cells' | 'inline';
}) {
  const [shownStatus, showStatus] = useOptimistic(status);
  const [state, setState] = useState<FormState>(idleForm);
  // A form action runs in a transition: the optimistic status lasts until it ends, then the
  // server's answer (a new render on success) or the old status (on failure) shows.
  async function cancel(form: FormData) {
    showStatus('cancelled');
    setState(await cancelOrderAction(idleForm, form));
  }
  const statusText = <OrderStatusText orderId={orderId} status={shownStatus} />;
  const controls = (
    <>
      {shownStatus === cancellableStatus && (
        <form action={cancel}>
          <input type="hidden" name="orderId" value={orderId} />
          <button type="submit" className={styles.secondary}>
            Cancel order
          </button>
        </form>
      )}
      {state.kind === 'error' && shownStatus === status && (
        <p role="alert" className={styles.error}>
          Not cancelled: the order is still {status}. {state.message}
        </p>
      )}
    </>
  );
  if (layout === 'inline') {
    return (
      <>
        <p>Status: {statusText}</p>
        {controls}
      </>
    );
  }
  return (
    <>
      <td data-label="Status">{statusText}</td>
      <td data-label="Actions">{controls}</td>
    </>
  );
}
