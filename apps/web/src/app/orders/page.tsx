import { randomUUID } from 'node:crypto';
import { apis as registry } from '@repo/auth-config';
import { cancellableStatus, maxQuantity, minQuantity } from '@repo/api-contracts/orders';
import { OrdersTable } from '@/components/orders-table';
import { OrderStatusText } from '@/components/order-status';
import { Pager } from '@/components/pager';
import styles from '@/components/ui.module.css';
import { describeApiError, troubleshootingHints } from '@/lib/api/describe-error';
import { requestLocale } from '@/lib/api/request-profile';
import { serverApis } from '@/lib/api/server-apis';
import { cursorParam } from '@/lib/paging';
import { requireSession } from '@/lib/session';
import { webEnv } from '@/lib/web-env';
import { CancellableStatus } from './cancel-button';
import { OrderForm } from './order-form';
import { RefreshStatus } from './refresh-status';

export const metadata = { title: 'Orders · Acme Orders' };

/** Orders per page: a screenful on a phone. */
const ordersPageSize = 10;

export default async function OrdersPage({
  searchParams,
}: {
  readonly searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  await requireSession('/orders');
  const cursor = cursorParam((await searchParams).cursor);
  const apis = serverApis();
  // Each part fails on its own: no catalog still lists the orders, and the other way round.
  const [[catalog, orders], locale] = await Promise.all([
    Promise.allSettled([
      apis.orders.catalog(),
      apis.orders.listOrders({ limit: ordersPageSize, cursor }),
    ]),
    requestLocale(),
  ]);
  const target = webEnv().apis.orders;

  return (
    <>
      <h1>Orders</h1>
      <div className={styles.grid}>
        <section className={styles.card}>
          {catalog.status === 'fulfilled' ? (
            <OrderForm
              catalog={catalog.value.items}
              idempotencyKey={randomUUID()}
              minQuantity={minQuantity}
              maxQuantity={maxQuantity}
              locale={locale}
            />
          ) : (
            <p role="alert" className={styles.error}>
              {describeApiError(catalog.reason, 'load the catalog')}
            </p>
          )}
        </section>
        <section className={styles.card} aria-labelledby="your-orders-heading">
          <h2 id="your-orders-heading">Your orders</h2>
          {orders.status === 'fulfilled' ? (
            <>
              <OrdersTable
                orders={orders.value.items}
                caption={cursor ? 'Newest first, continued' : 'Newest first'}
                locale={locale}
                statusCells={(order) =>
                  order.status === cancellableStatus ? (
                    <CancellableStatus orderId={order.id} status={order.status} layout="cells" />
                  ) : (
                    <>
                      <td data-label="Status">
                        <OrderStatusText orderId={order.id} status={order.status} />
                      </td>
                      <td data-label="Actions" />
                    </>
                  )
                }
              />
              <Pager
                path="/orders"
                cursor={cursor}
                nextCursor={orders.value.nextCursor}
                label="Orders pages"
              />
            </>
          ) : (
            <p role="alert" className={styles.error}>
              {describeApiError(orders.reason, 'load your orders')}
            </p>
          )}
          <RefreshStatus
            apiUrl={target.url}
            serviceName={registry.orders.serviceName}
            hints={troubleshootingHints()}
          />
        </section>
      </div>
    </>
  );
}
