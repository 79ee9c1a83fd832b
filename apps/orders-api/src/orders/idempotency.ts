import { createHash } from 'node:crypto';
import { idempotencyKeySchema, type CreateOrderRequest } from '@repo/api-contracts/orders';
import { parseInput } from '@repo/service-kit';
import type { IdempotencyClaim } from './store';

export const idempotencyKeyHeader = 'Idempotency-Key';
export const replayedHeader = 'Idempotent-Replayed';

/**
 * A hash of a validated body: the same key with another body must be told apart from a retry.
 * The parsed body has a fixed key order, so equal requests hash equally whatever order the
 * client wrote the fields in.
 */
export function requestHashOf(body: CreateOrderRequest): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

/** The request's Idempotency-Key (optional; a malformed one is a 400) with its body's hash. */
export function idempotencyClaimOf(
  header: string | undefined,
  body: CreateOrderRequest,
): IdempotencyClaim | undefined {
  if (header === undefined) return undefined;
  const key = parseInput(idempotencyKeySchema, header, `${idempotencyKeyHeader} header`);
  return { key, requestHash: requestHashOf(body) };
}
