import { createLogger } from '@repo/service-kit';
import { loadConfig } from './config';
import { openServiceDatabase } from './open-db';

/** What both entry points (server.ts, migrate.ts) start from: the env, a logger, the database. */
export async function boot() {
  const config = loadConfig();
  const logger = createLogger({ serviceName: config.serviceName, level: config.logLevel });
  return { config, logger, db: await openServiceDatabase(config) };
}
