import type { Profile } from '@repo/api-contracts/profile';
import { Suspense, type ReactNode } from 'react';
import { OrdersTable } from '@/components/orders-table';
import type { ServerApis } from '@/lib/api/server-apis';
import { ApiCard } from './card';

/** Renders `children` with the locale once known; the card itself never waits for profile-api. */
async function WithLocale({
  locale,
  children,
}: {
  readonly locale: () => Promise<string>;
  readonly children: (locale: string) => ReactNode;
}) {
  return children(await locale());
}

/**
 * One card per registered API, in registry order; `pnpm gen api-service` adds each new API's.
 * `profile` is the request's one profile call (its card, and the locale of the other cards'
 * dates and amounts); until it answers, dates show in English.
 */
export function DashboardCards({
  apis,
  profile,
  locale,
}: {
  readonly apis: ServerApis;
  readonly profile: () => Promise<Profile>;
  /** Called only once a card has its data: both cards' API calls still start together. */
  readonly locale: () => Promise<string>;
}) {
  return (
    <>
      <ApiCard
        id="profile"
        title="Profile"
        load={profile}
        action="load your profile"
        link={{ href: '/profile', label: 'Edit profile' }}
        render={(me) => (
          <dl>
            <dt>Name</dt>
            <dd>{me.displayName}</dd>
            <dt>Email</dt>
            <dd>{me.email ?? '—'}</dd>
            <dt>Language</dt>
            <dd>{me.locale}</dd>
          </dl>
        )}
      />
      <ApiCard
        id="orders"
        title="Recent orders"
        load={() => apis.orders.listOrders({ limit: 5 })}
        action="load your orders"
        link={{ href: '/orders', label: 'All orders' }}
        render={(page) => (
          <Suspense
            fallback={
              <OrdersTable orders={page.items} caption="Your five latest orders" locale="en" />
            }
          >
            <WithLocale locale={locale}>
              {(lang) => (
                <OrdersTable orders={page.items} caption="Your five latest orders" locale={lang} />
              )}
            </WithLocale>
          </Suspense>
        )}
      />
      {/* generator:cards:start (pnpm gen api-service adds each new API's card here) */}
      {/* generator:cards:end */}
    </>
  );
}
