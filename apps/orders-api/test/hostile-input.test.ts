import { createOrderRequestSchema } from '@repo/api-contracts/orders';
import { runHostileBodies } from '@repo/api-testing';
import fc from 'fast-check';
import { describe } from 'vitest';
import { subjectToken, useHarness } from './support/setup';

const h = useHarness();

describe('hostile input', () => {
  runHostileBodies({
    app: () => h.app,
    method: 'post',
    path: '/orders',
    token: () => subjectToken(h.idp, 'auth0|hostile-orders'),
    schema: createOrderRequestSchema,
    // Shapes close to an order: wrong SKUs, quantities that are not 1..100 integers, extra fields
    // (a price, an owner), too many lines.
    nearMiss: fc.record(
      {
        items: fc.array(
          fc.record(
            {
              sku: fc.oneof(
                fc.constantFrom('MUG-WHT', 'TEE-BLK-M', 'mug-wht', '', 'MUG-WHT '),
                fc.string(),
                fc.integer(),
              ),
              quantity: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
              priceCents: fc.integer(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 60 },
        ),
        sub: fc.string(),
        totalCents: fc.integer(),
      },
      { requiredKeys: [] },
    ),
    headers: () => ({ 'Idempotency-Key': crypto.randomUUID() }),
    stored: async () =>
      h.testDb.db.query(
        'select (select count(*)::int from orders) as orders, (select count(*)::int from idempotency_keys) as keys',
      ),
  });
});
