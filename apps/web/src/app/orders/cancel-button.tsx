'use client';

import { useActionState } from 'react';
import styles from '@/components/ui.module.css';
import { idleForm } from '@/lib/form-state';
import { cancelOrderAction } from './actions';

export function CancelButton({ orderId }: { readonly orderId: string }) {
  const [state, submit, pending] = useActionState(cancelOrderAction, idleForm);
  return (
    <form action={submit}>
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" className={styles.secondary} disabled={pending}>
        {pending ? 'Cancelling…' : 'Cancel'}
      </button>
      {state.kind === 'error' && (
        <span role="alert" className={styles.error}>
          {' '}
          {state.message}
        </span>
      )}
    </form>
  );
}
