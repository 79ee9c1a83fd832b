import { pageQuerySchema } from '@repo/api-contracts/orders';
import { parseInput, problems } from '@repo/service-kit';
import type { OrderRow } from '../db/schema';
import type { PageRequest, PageResult } from './store';

// Cursors are opaque to clients: a versioned position, base64url-encoded, so the encoding can
// change without clients noticing.
const prefix = 'o1:';

/** The cursor that continues a list after the row at `seq` (lists run newest first). */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${prefix}${seq}`).toString('base64url');
}

/** The position a client's cursor points at; a cursor we did not issue is a 400. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw problems.badRequest('The query is not valid.', [
      { path: 'cursor', message: 'is not a cursor this API issued' },
    ]);
  }
  return seq;
}

/** `?limit=&cursor=` → what the store pages by; bad values are a 400 listing them. */
export function pageRequestOf(query: unknown): PageRequest {
  const { limit, cursor } = parseInput(pageQuerySchema, query, 'query');
  return cursor === undefined ? { limit } : { limit, before: decodeCursor(cursor) };
}

/** A store page → the `{ items, nextCursor }` every list answers. */
export function toPage<T>(
  result: PageResult,
  toItem: (row: OrderRow) => T,
): { items: T[]; nextCursor: string | null } {
  return {
    items: result.rows.map(toItem),
    nextCursor: result.next === null ? null : encodeCursor(result.next),
  };
}
