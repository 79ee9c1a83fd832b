import { z } from 'zod';
import { pageSchema } from './page';

// Lists share one shape across APIs; re-exported so that orders' callers need one import.
export { pageQuerySchema } from './page';

/** Quantity bounds of one order line: a typo like 1000 is refused, not charged. */
export const minQuantity = 1;
export const maxQuantity = 100;
/** Lines per order; more than this is not a plausible cart. */
export const maxOrderLines = 50;

/** The one state an order can be cancelled from. */
export const orderStatuses = ['pending', 'cancelled'] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const cancellableStatus: OrderStatus = 'pending';

/** ISO 4217 code; the server decides it with the price. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

export const skuSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and dashes');

/** `GET /catalog` answers `{ items: CatalogItem[] }`; prices are the server's. */
export const catalogItemSchema = z.object({
  sku: skuSchema,
  name: z.string(),
  priceCents: z.number().int().nonnegative(),
  currency: currencySchema,
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const catalogSchema = z.object({ items: z.array(catalogItemSchema) });
export type Catalog = z.infer<typeof catalogSchema>;

/**
 * One requested line. Strict: a client-sent `priceCents`, `status` or any unknown field is an
 * error, never silently ignored, so nobody can believe they set a price.
 */
export const orderItemRequestSchema = z.strictObject({
  sku: skuSchema,
  quantity: z
    .number()
    .int('must be a whole number')
    .min(minQuantity, `must be at least ${minQuantity}`)
    .max(maxQuantity, `must be at most ${maxQuantity}`),
});

/** `POST /orders` body: SKUs and quantities only; each SKU at most once. */
export const createOrderRequestSchema = z.strictObject({
  items: z
    .array(orderItemRequestSchema)
    .min(1, 'an order needs at least one item')
    .max(maxOrderLines, `an order has at most ${maxOrderLines} lines`)
    .refine(
      (items) => new Set(items.map((i) => i.sku)).size === items.length,
      'list each sku once',
    ),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;

/** A priced line of a stored order: the name and price as they were when it was ordered. */
export const orderLineSchema = z.object({
  sku: skuSchema,
  name: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int().nonnegative(),
  lineTotalCents: z.number().int().nonnegative(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** An order's id: what the API accepts in `/orders/:id`, and all a client may send for one. */
export const orderIdSchema = z.uuid();

/** `POST /orders` (201), `GET /orders/:id` and `POST /orders/:id/cancel` answer this. */
export const orderSchema = z.object({
  id: orderIdSchema,
  status: orderStatusSchema,
  items: z.array(orderLineSchema),
  totalCents: z.number().int().nonnegative(),
  currency: currencySchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Order = z.infer<typeof orderSchema>;

/**
 * Who placed an order, as the admin list says it (orders-api asks profile-api, as itself):
 * - `known`: their profile's display name and email;
 * - `no-profile`: profile-api answered, and has no profile for them (they never opened it);
 * - `unavailable`: profile-api could not be asked (down, slow, failing); the list still answers.
 */
export const customerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('known'),
    displayName: z.string(),
    email: z.string().nullable(),
  }),
  z.object({ status: z.literal('no-profile') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type Customer = z.infer<typeof customerSchema>;

/** `GET /admin/orders` items: an order, its owner's `sub`, and who that is. */
export const adminOrderSchema = orderSchema.extend({ sub: z.string(), customer: customerSchema });
export type AdminOrder = z.infer<typeof adminOrderSchema>;

export const orderListSchema = pageSchema(orderSchema);
export const adminOrderListSchema = pageSchema(adminOrderSchema);

/** The `Idempotency-Key` header: 1 to 255 visible ASCII characters (a UUID fits). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters');
