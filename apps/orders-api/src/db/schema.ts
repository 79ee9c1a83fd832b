import type { OrderLine } from '@repo/api-contracts/orders';
import {
  bigint,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Mirrors migrations/0001_create_orders.sql: the SQL files are the source of truth. */
export const orders = pgTable('orders', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  id: uuid('id').notNull().unique(),
  sub: text('sub').notNull(),
  status: text('status', { enum: ['pending', 'cancelled'] }).notNull(),
  items: jsonb('items').$type<OrderLine[]>().notNull(),
  totalCents: integer('total_cents').notNull(),
  currency: text('currency').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type OrderRow = typeof orders.$inferSelect;

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    sub: text('sub').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    orderId: uuid('order_id').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: json('response_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sub, t.key] })],
);
