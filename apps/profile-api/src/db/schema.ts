import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Mirrors migrations/0001_create_profiles.sql: the SQL files are the source of truth. */
export const profiles = pgTable('profiles', {
  sub: text('sub').primaryKey(),
  email: text('email'),
  displayName: text('display_name').notNull(),
  locale: text('locale').notNull(),
  notifications: text('notifications', { enum: ['all', 'important', 'none'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type ProfileRow = typeof profiles.$inferSelect;
