import type { AdminOrder, Customer } from '@repo/api-contracts/orders';
import { OrdersTable } from '@/components/orders-table';
import { Pager } from '@/components/pager';
import styles from '@/components/ui.module.css';
import { describeApiError } from '@/lib/api/describe-error';
import { requestLocale } from '@/lib/api/request-profile';
import { serverApis } from '@/lib/api/server-apis';
import { cursorParam } from '@/lib/paging';

export const metadata = { title: 'All orders · Admin · Acme Orders' };

const adminPageSize = 20;

/** Who placed an order, as orders-api could tell from profile-api. */
function customerName(order: AdminOrder): string {
  const customer: Customer = order.customer;
  switch (customer.status) {
    case 'known':
      return customer.email ? `${customer.displayName} (${customer.email})` : customer.displayName;
    case 'no-profile':
      return `${order.sub} (no profile yet)`;
    case 'unavailable':
      return `${order.sub} (name unavailable)`;
  }
}

/** Every user's orders, newest first, with their customers; the layout has checked the scope. */
export default async function AdminOrdersPage({
  searchParams,
}: {
  readonly searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const cursor = cursorParam((await searchParams).cursor);
  const [[orders], locale] = await Promise.all([
    Promise.allSettled([serverApis().orders.adminListOrders({ limit: adminPageSize, cursor })]),
    requestLocale(),
  ]);
  return (
    <>
      <h1>All orders</h1>
      <section className={styles.card} aria-labelledby="all-orders-heading">
        <h2 id="all-orders-heading">Every customer&apos;s orders</h2>
        {orders.status === 'fulfilled' ? (
          <>
            <OrdersTable
              orders={orders.value.items}
              caption="Newest first"
              locale={locale}
              before={{ heading: 'Customer', cell: customerName }}
              linkToOrder={false}
            />
            <Pager
              path="/admin/orders"
              cursor={cursor}
              nextCursor={orders.value.nextCursor}
              label="All orders pages"
            />
          </>
        ) : (
          <p role="alert" className={styles.error}>
            {describeApiError(orders.reason, 'load every order')}
          </p>
        )}
      </section>
    </>
  );
}
