import { orderIdSchema } from '@repo/api-contracts/orders';

/**
 * The order a cancel form names, checked against the contract before anything is sent: a forged
 * form's `orderId` (a path, a megabyte, nothing) never reaches orders-api.
 */
export function orderIdOf(form: FormData): string | undefined {
  const parsed = orderIdSchema.safeParse(form.get('orderId'));
  return parsed.success ? parsed.data : undefined;
}
