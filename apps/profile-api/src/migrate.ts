// `pnpm migrate`: applies pending migrations to the configured database, then exits.
import { createLogger } from '@repo/service-kit';
import { migrate } from '@repo/service-kit/db';
import { loadConfig } from './config';
import { migrationsDir } from './db/migrations-dir';
import { openServiceDatabase } from './open-db';

const config = loadConfig();
const logger = createLogger({ serviceName: config.serviceName, level: config.logLevel });
const db = await openServiceDatabase(config);
try {
  const applied = await migrate(db, migrationsDir);
  logger.info({ database: db.location, applied }, applied.length ? 'migrations applied' : 'database up to date');
} finally {
  await db.close();
}
