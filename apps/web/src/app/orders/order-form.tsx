'use client';

import { useActionState } from 'react';
import { FormStatus } from '@/components/form-status';
import styles from '@/components/ui.module.css';
import type { CatalogItem } from '@repo/api-contracts/orders';
import { formatMoney } from '@/lib/format';
import { idleForm } from '@/lib/form-state';
import { createOrderAction } from './actions';

export function OrderForm(props: {
  readonly catalog: readonly CatalogItem[];
  readonly idempotencyKey: string;
  readonly minQuantity: number;
  readonly maxQuantity: number;
  readonly locale: string;
}) {
  const [state, submit, pending] = useActionState(createOrderAction, idleForm);
  return (
    <form action={submit} className={styles.form} aria-labelledby="new-order-heading">
      <h2 id="new-order-heading">New order</h2>
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <div className={styles.field}>
        <label htmlFor="sku">Product</label>
        <select id="sku" name="sku" required>
          {props.catalog.map((item) => (
            <option key={item.sku} value={item.sku}>
              {item.name} ({formatMoney(item.priceCents, item.currency, props.locale)})
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="quantity">Quantity</label>
        <input
          id="quantity"
          name="quantity"
          type="number"
          min={props.minQuantity}
          max={props.maxQuantity}
          defaultValue={1}
          required
        />
      </div>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? 'Placing…' : 'Place order'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
