import { OrdersTable } from '@/components/orders-table';
import type { ServerApis } from '@/lib/api/server-apis';
import { ApiCard } from './card';

/** One card per registered API, in registry order; `pnpm gen api-service` adds each new API's. */
export function DashboardCards({ apis }: { readonly apis: ServerApis }) {
  return (
    <>
      <ApiCard
        id="profile"
        title="Profile"
        load={() => apis.profile.me()}
        action="load your profile"
        link={{ href: '/profile', label: 'Edit profile' }}
        render={(profile) => (
          <dl>
            <dt>Name</dt>
            <dd>{profile.displayName}</dd>
            <dt>Email</dt>
            <dd>{profile.email ?? '—'}</dd>
            <dt>Language</dt>
            <dd>{profile.locale}</dd>
          </dl>
        )}
      />
      <ApiCard
        id="orders"
        title="Recent orders"
        load={() => apis.orders.listOrders({ limit: 5 })}
        action="load your orders"
        link={{ href: '/orders', label: 'All orders' }}
        render={(page) => <OrdersTable orders={page.items} caption="Your five latest orders" />}
      />
      {/* generator:cards:start (pnpm gen api-service adds each new API's card here) */}
      {/* generator:cards:end */}
    </>
  );
}
