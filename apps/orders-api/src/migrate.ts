// `pnpm migrate`: applies pending migrations to the configured database, then exits.
import { boot } from './boot';
import { applyMigrations } from './open-db';

const { logger, db } = await boot();
try {
  await applyMigrations(db, logger);
} finally {
  await db.close();
}
