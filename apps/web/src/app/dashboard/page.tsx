import Link from 'next/link';
import { OrdersTable } from '@/components/orders-table';
import styles from '@/components/ui.module.css';
import { describeApiError } from '@/lib/api/describe-error';
import { serverApis } from '@/lib/api/server-apis';
import { requireSession } from '@/lib/session';

export const metadata = { title: 'Dashboard · Acme Orders' };

/**
 * Both APIs are called in parallel; each card stands alone, so one API being down costs only its
 * own card and the page still answers 200.
 */
export default async function DashboardPage() {
  await requireSession('/dashboard');
  const apis = serverApis();
  const [profile, orders] = await Promise.allSettled([
    apis.profile.me(),
    apis.orders.listOrders({ limit: 5 }),
  ]);

  return (
    <>
      <h1>Dashboard</h1>
      <div className={styles.grid}>
        <section className={styles.card} aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          {profile.status === 'fulfilled' ? (
            <dl>
              <dt>Name</dt>
              <dd>{profile.value.displayName}</dd>
              <dt>Email</dt>
              <dd>{profile.value.email ?? '—'}</dd>
              <dt>Language</dt>
              <dd>{profile.value.locale}</dd>
            </dl>
          ) : (
            <p role="alert" className={styles.error}>
              {describeApiError(profile.reason, 'load your profile')}
            </p>
          )}
          <Link href="/profile">Edit profile</Link>
        </section>
        <section className={styles.card} aria-labelledby="orders-heading">
          <h2 id="orders-heading">Recent orders</h2>
          {orders.status === 'fulfilled' ? (
            <OrdersTable orders={orders.value.items} caption="Your five latest orders" />
          ) : (
            <p role="alert" className={styles.error}>
              {describeApiError(orders.reason, 'load your orders')}
            </p>
          )}
          <Link href="/orders">All orders</Link>
        </section>
      </div>
    </>
  );
}
