import { randomUUID } from 'node:crypto';
import type { Order } from '@repo/api-contracts/orders';
import type { Orm } from '@repo/service-kit/db';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { idempotencyKeys, orders, type OrderRow } from '../db/schema';
import type { PricedOrder } from './pricing';
import { toOrder } from './to-response';

/** A client's Idempotency-Key and a hash of the request it came with. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly requestHash: string;
}

export type CreateResult =
  /** A new order; its answer is remembered under the key, if one was given. */
  | { readonly kind: 'created'; readonly status: number; readonly body: Order }
  /** The key was used before with the same request: the first answer, unchanged. */
  | { readonly kind: 'replayed'; readonly status: number; readonly body: unknown }
  /** The key was used before with another request. */
  | { readonly kind: 'key-reused' };

export type CancelResult =
  | { readonly kind: 'cancelled'; readonly row: OrderRow }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-pending'; readonly row: OrderRow };

/** Newest first; `before` is the `seq` a cursor points at (rows strictly older are returned). */
export interface PageRequest {
  readonly limit: number;
  readonly before?: number;
}

export interface PageResult {
  readonly rows: OrderRow[];
  /** The `seq` to continue after, or null on the last page. */
  readonly next: number | null;
}

/**
 * Every method but `listAll` takes the caller's `sub` and filters by it: another user's order
 * is simply not found. `listAll` is for the admin route only.
 */
export interface OrderStore {
  create(sub: string, order: PricedOrder, idempotency?: IdempotencyClaim): Promise<CreateResult>;
  listOwn(sub: string, page: PageRequest): Promise<PageResult>;
  getOwn(sub: string, id: string): Promise<OrderRow | undefined>;
  cancelOwn(sub: string, id: string): Promise<CancelResult>;
  listAll(page: PageRequest): Promise<PageResult>;
}

const createdStatus = 201;

/** Thrown inside the transaction to roll back an order whose key another request holds. */
class KeyTaken extends Error {}

export function createOrderStore(orm: Orm): OrderStore {
  function insertOrder(db: Pick<Orm, 'insert'>, sub: string, order: PricedOrder) {
    return db
      .insert(orders)
      .values({
        id: randomUUID(),
        sub,
        status: 'pending',
        items: order.items,
        totalCents: order.totalCents,
        currency: order.currency,
      })
      .returning();
  }

  async function remembered(
    sub: string,
    claim: IdempotencyClaim,
  ): Promise<CreateResult | undefined> {
    const [row] = await orm
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.sub, sub), eq(idempotencyKeys.key, claim.key)));
    if (!row) return undefined;
    if (row.requestHash !== claim.requestHash) return { kind: 'key-reused' };
    return { kind: 'replayed', status: row.responseStatus, body: row.responseBody };
  }

  /**
   * The order and its key row are written in one transaction. Concurrent requests with the same
   * key all insert the order, but the key's primary key lets one transaction commit; the others'
   * key insert waits for it, conflicts, and they roll back their order and replay the winner's.
   */
  async function createWithKey(
    sub: string,
    order: PricedOrder,
    claim: IdempotencyClaim,
  ): Promise<CreateResult> {
    // A winner that rolled back frees the key: the next attempt can take it.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const earlier = await remembered(sub, claim);
      if (earlier) return earlier;
      try {
        return await orm.transaction(async (tx) => {
          const [row] = await insertOrder(tx, sub, order);
          const body = toOrder(row!);
          const taken = await tx
            .insert(idempotencyKeys)
            .values({
              sub,
              key: claim.key,
              requestHash: claim.requestHash,
              orderId: body.id,
              responseStatus: createdStatus,
              responseBody: body,
            })
            .onConflictDoNothing({ target: [idempotencyKeys.sub, idempotencyKeys.key] })
            .returning({ key: idempotencyKeys.key });
          if (taken.length === 0) throw new KeyTaken();
          return { kind: 'created', status: createdStatus, body } as const;
        });
      } catch (err) {
        if (!(err instanceof KeyTaken)) throw err;
      }
    }
    throw new Error('Idempotency-Key stayed contended after 3 attempts');
  }

  async function page(where: ReturnType<typeof and>, request: PageRequest): Promise<PageResult> {
    const rows = await orm
      .select()
      .from(orders)
      .where(and(where, request.before !== undefined ? lt(orders.seq, request.before) : undefined))
      .orderBy(desc(orders.seq))
      .limit(request.limit + 1);
    if (rows.length <= request.limit) return { rows, next: null };
    const shown = rows.slice(0, request.limit);
    return { rows: shown, next: shown[shown.length - 1]!.seq };
  }

  async function getOwn(sub: string, id: string): Promise<OrderRow | undefined> {
    const [row] = await orm
      .select()
      .from(orders)
      .where(and(eq(orders.sub, sub), eq(orders.id, id)));
    return row;
  }

  return {
    async create(sub, order, idempotency) {
      if (idempotency) return createWithKey(sub, order, idempotency);
      const [row] = await insertOrder(orm, sub, order);
      return { kind: 'created', status: createdStatus, body: toOrder(row!) };
    },

    listOwn: (sub, request) => page(eq(orders.sub, sub), request),

    getOwn,

    async cancelOwn(sub, id) {
      // One conditional update: two concurrent cancels cannot both succeed.
      const [row] = await orm
        .update(orders)
        .set({ status: 'cancelled', updatedAt: sql`now()` })
        .where(and(eq(orders.sub, sub), eq(orders.id, id), eq(orders.status, 'pending')))
        .returning();
      if (row) return { kind: 'cancelled', row };
      const existing = await getOwn(sub, id);
      return existing ? { kind: 'not-pending', row: existing } : { kind: 'not-found' };
    },

    listAll: (request) => page(undefined, request),
  };
}
