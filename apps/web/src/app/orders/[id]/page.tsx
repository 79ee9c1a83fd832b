import { cancellableStatus, orderIdSchema } from '@repo/api-contracts/orders';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LocalTime } from '@/components/local-time';
import { OrderStatusText } from '@/components/order-status';
import styles from '@/components/ui.module.css';
import { isApiError } from '@/lib/api/api-error';
import { requestLocale } from '@/lib/api/request-profile';
import { serverApis } from '@/lib/api/server-apis';
import { formatMoney } from '@/lib/format';
import { requireSession } from '@/lib/session';
import { CancellableStatus } from '../cancel-button';

export const metadata: Metadata = { title: 'Order · Acme Orders' };

/**
 * One order of the signed-in user. Someone else's order is a 404 from orders-api, exactly like
 * one that never existed, and so is this page: it never confirms that the id exists.
 */
export default async function OrderPage({
  params,
}: {
  readonly params: Promise<{ readonly id: string }>;
}) {
  const { id } = await params;
  await requireSession(`/orders/${encodeURIComponent(id)}`);
  if (!orderIdSchema.safeParse(id).success) notFound();
  const [order, locale] = await Promise.all([
    serverApis()
      .orders.getOrder(id)
      .catch((error: unknown) => {
        // Anything but "no such order" is the segment's error page (error.tsx), with a retry.
        if (isApiError(error) && error.kind === 'not-found') return undefined;
        throw error;
      }),
    requestLocale(),
  ]);
  if (!order) notFound();
  return (
    <>
      <p>
        <Link href="/orders">← All orders</Link>
      </p>
      <h1>Order</h1>
      <section className={styles.card} aria-labelledby="order-heading">
        <h2 id="order-heading">
          Placed <LocalTime iso={order.createdAt} locale={locale} />
        </h2>
        <table className={styles.table}>
          <caption className={styles.muted}>What was ordered</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Line total</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((line) => (
              <tr key={line.sku}>
                <td data-label="Product">{line.name}</td>
                <td data-label="Quantity">{line.quantity}</td>
                <td data-label="Unit price">
                  {formatMoney(line.unitPriceCents, order.currency, locale)}
                </td>
                <td data-label="Line total">
                  {formatMoney(line.lineTotalCents, order.currency, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Total: <strong>{formatMoney(order.totalCents, order.currency, locale)}</strong>
        </p>
        {order.status === cancellableStatus ? (
          <CancellableStatus orderId={order.id} status={order.status} layout="inline" />
        ) : (
          <p>
            Status: <OrderStatusText orderId={order.id} status={order.status} /> (
            <LocalTime iso={order.updatedAt} locale={locale} />)
          </p>
        )}
        <p className={styles.muted}>
          Order number <code>{order.id}</code>
        </p>
      </section>
    </>
  );
}
