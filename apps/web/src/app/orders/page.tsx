import { randomUUID } from 'node:crypto';
import { apis as registry } from '@repo/auth-config';
import { OrdersTable } from '@/components/orders-table';
import styles from '@/components/ui.module.css';
import { describeApiError, troubleshootingHints } from '@/lib/api/describe-error';
import { cancellableStatus, maxQuantity, minQuantity } from '@repo/api-contracts/orders';
import { serverApis } from '@/lib/api/server-apis';
import { requireSession } from '@/lib/session';
import { webEnv } from '@/lib/web-env';
import { CancelButton } from './cancel-button';
import { OrderForm } from './order-form';
import { RefreshStatus } from './refresh-status';

export const metadata = { title: 'Orders · Acme Orders' };

export default async function OrdersPage() {
  await requireSession('/orders');
  const apis = serverApis();
  const [catalog, orders] = await Promise.allSettled([
    apis.orders.catalog(),
    apis.orders.listOrders({ limit: 20 }),
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
            <OrdersTable
              orders={orders.value.items}
              caption="Newest first"
              action={(order) =>
                order.status === cancellableStatus ? <CancelButton orderId={order.id} /> : null
              }
            />
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
