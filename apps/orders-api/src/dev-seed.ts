import type { CreateOrderRequest } from '@repo/api-contracts/orders';
import { localUsers, type ApiEnv } from '@repo/auth-config';
import type { Catalog } from './catalog';
import { requestHashOf } from './orders/idempotency';
import { priceOrder } from './orders/pricing';
import type { OrderStore } from './orders/store';

const alice = localUsers.find((u) => u.username === 'alice')!;

/** Alice's two dev orders, each under a fixed Idempotency-Key: seeding twice creates nothing. */
const seedOrders: readonly { key: string; request: CreateOrderRequest }[] = [
  {
    key: 'dev-seed-1',
    request: {
      items: [
        { sku: 'TEE-BLK-M', quantity: 2 },
        { sku: 'STICKER-PACK', quantity: 1 },
      ],
    },
  },
  { key: 'dev-seed-2', request: { items: [{ sku: 'MUG-WHT', quantity: 1 }] } },
];

/** Only `pnpm dev` seeds: the local IdP profile outside production. Tests and production never do. */
export function shouldSeed(config: Pick<ApiEnv, 'profile' | 'production'>): boolean {
  return config.profile === 'local' && !config.production;
}

/**
 * Gives Alice her two dev orders. Idempotent through the same key mechanism clients use, so a
 * cancelled seed order stays cancelled and no restart adds a third. Returns how many were created.
 */
export async function seedDevOrders(store: OrderStore, catalog: Catalog): Promise<number> {
  let created = 0;
  for (const { key, request } of seedOrders) {
    const result = await store.create(alice.sub, priceOrder(request, catalog), {
      key,
      requestHash: requestHashOf(request),
    });
    if (result.kind === 'created') created += 1;
  }
  return created;
}
