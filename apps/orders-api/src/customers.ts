import { profileBatchSchema, type ProfileSummary } from '@repo/api-contracts/profile';
import type { Customer } from '@repo/api-contracts/orders';
import type { Logger } from '@repo/service-kit';
import { UpstreamError, type ServiceClient } from '@repo/service-client';

/** Who the owners of a page of orders are; never fails, whatever profile-api does. */
export interface CustomerDirectory {
  lookup(subs: readonly string[], options?: { requestId?: string }): Promise<Map<string, Customer>>;
}

const unavailable: Customer = { status: 'unavailable' };
const noProfile: Customer = { status: 'no-profile' };

/**
 * The admin list's customers, from profile-api in ONE batch call per page (`GET /profiles?ids=`,
 * as orders-api itself). A sub profile-api does not return has no profile yet: it answered, so
 * that is known. When it cannot be asked, every owner is `unavailable` and the list still
 * answers: names are a convenience of the admin page, the orders are what it is for.
 */
export function createCustomerDirectory(
  profile: ServiceClient,
  logger?: Logger,
): CustomerDirectory {
  return {
    async lookup(subs, options = {}) {
      const distinct = [...new Set(subs)];
      const customers = new Map<string, Customer>();
      if (distinct.length === 0) return customers;
      let found: ProfileSummary[];
      try {
        ({ items: found } = await profile.get('/profiles', {
          query: { ids: distinct },
          schema: profileBatchSchema,
          requestId: options.requestId,
        }));
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        logger?.warn(
          { upstream: error.upstream, reason: error.reason, detail: error.message },
          'customer names unavailable: answering the admin list without them',
        );
        for (const sub of distinct) customers.set(sub, unavailable);
        return customers;
      }
      const bySub = new Map(found.map((p) => [p.sub, p]));
      for (const sub of distinct) {
        const known = bySub.get(sub);
        customers.set(
          sub,
          known
            ? { status: 'known', displayName: known.displayName, email: known.email }
            : noProfile,
        );
      }
      return customers;
    },
  };
}
