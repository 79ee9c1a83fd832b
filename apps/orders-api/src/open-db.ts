import { devDataDir, type ApiEnv } from '@repo/auth-config';
import type { Logger } from '@repo/service-kit';
import { migrate, openDatabase, type Database } from '@repo/service-kit/db';
import { migrationsDir } from './db/migrations-dir';

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR or .data/orders-api/. */
export function openServiceDatabase(config: ApiEnv<'orders'>): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir ?? devDataDir(config.serviceName) });
}

/** Applies pending migrations and logs what it did; `pnpm migrate`, and `pnpm dev` on start. */
export async function applyMigrations(db: Database, logger: Logger): Promise<string[]> {
  const applied = await migrate(db, migrationsDir);
  logger.info({ database: db.location, applied }, applied.length ? 'migrations applied' : 'database up to date');
  return applied;
}
