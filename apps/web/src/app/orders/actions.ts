'use server';

import { randomUUID } from 'node:crypto';
import { createOrderRequestSchema, idempotencyKeySchema } from '@repo/api-contracts/orders';
import { revalidatePath } from 'next/cache';
import { describeApiError } from '@/lib/api/describe-error';
import { serverApis } from '@/lib/api/server-apis';
import { auth0 } from '@/lib/auth0';
import type { FormState } from '@/lib/form-state';
import { orderIdOf } from '@/lib/order-forms';

const signedOut: FormState = { kind: 'error', message: 'Your session has ended. Log in again.' };

/**
 * Places an order with the form's idempotency key: the page renders a fresh key each time, so a
 * double submit or a retried request answers the first order instead of placing a second.
 */
export async function createOrderAction(_previous: FormState, form: FormData): Promise<FormState> {
  if (!(await auth0().getSession())) return signedOut;
  const request = createOrderRequestSchema.safeParse({
    items: [{ sku: String(form.get('sku') ?? ''), quantity: Number(form.get('quantity')) }],
  });
  if (!request.success) {
    return {
      kind: 'error',
      message: `Check the order: ${request.error.issues.map((i) => i.message).join('; ')}.`,
    };
  }
  const key = idempotencyKeySchema.safeParse(form.get('idempotencyKey'));
  try {
    const { order, replayed } = await serverApis().orders.createOrder(
      request.data,
      key.success ? key.data : randomUUID(),
    );
    revalidatePath('/orders');
    const what = order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');
    return {
      kind: 'ok',
      message: replayed ? `Already placed: ${what}.` : `Order placed: ${what}.`,
    };
  } catch (error) {
    return { kind: 'error', message: describeApiError(error, 'create orders') };
  }
}

export async function cancelOrderAction(_previous: FormState, form: FormData): Promise<FormState> {
  if (!(await auth0().getSession())) return signedOut;
  const orderId = orderIdOf(form);
  if (!orderId) return { kind: 'error', message: 'No such order.' };
  try {
    await serverApis().orders.cancelOrder(orderId);
    // The list and the order's own page (/orders/[id]) both show the new status.
    revalidatePath('/orders', 'layout');
    return { kind: 'ok', message: 'Order cancelled.' };
  } catch (error) {
    return { kind: 'error', message: describeApiError(error, 'cancel this order') };
  }
}
