'use client';

import { cancellableStatus, type OrderStatus } from '@repo/api-contracts/orders';
import { useActionState, useOptimistic } from 'react';
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
  const [state, submit, pending] = useActionState(
    async (previous: FormState, form: FormData): Promise<FormState> => {
      showStatus('cancelled');
      return cancelOrderAction(previous, form);
    },
    idleForm,
  );
  const statusText = (
    <span className={styles.status} data-status-of={orderId}>
      {shownStatus}
    </span>
  );
  const controls = (
    <>
      {shownStatus === cancellableStatus && (
        <form action={submit}>
          <input type="hidden" name="orderId" value={orderId} />
          <button type="submit" className={styles.secondary} disabled={pending}>
            {pending ? 'Cancelling…' : 'Cancel order'}
          </button>
        </form>
      )}
      {state.kind === 'error' && !pending && (
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
