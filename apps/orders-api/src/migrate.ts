// `pnpm migrate`: applies pending migrations to the configured database, then exits.
import { applyMigrations } from '@repo/service-kit/boot';
import { boot } from './boot';
import { migrationsDir } from './db/migrations-dir';

const { logger, db } = await boot();
try {
  await applyMigrations(db, logger, migrationsDir);
} finally {
  await db.close();
}
