// Entry point: load env, open the database, listen, shut down gracefully on SIGTERM/SIGINT.
import { createLogger, startServer } from '@repo/service-kit';
import { migrate } from '@repo/service-kit/db';
import { buildApp } from './app';
import { loadConfig } from './config';
import { migrationsDir } from './db/migrations-dir';
import { openServiceDatabase } from './open-db';

const config = loadConfig();
const logger = createLogger({ serviceName: config.serviceName, level: config.logLevel });
const db = await openServiceDatabase(config);
// Outside production, start migrates too so `pnpm dev` needs no extra step; production runs
// `pnpm migrate` as its own deploy step.
if (!config.production) {
  const applied = await migrate(db, migrationsDir);
  if (applied.length) logger.info({ applied }, 'migrations applied');
}
logger.info({ database: db.location, issuer: config.auth0.issuer, audience: config.auth0.audience }, 'starting');
await startServer(buildApp(config, { db, logger }), {
  host: config.host,
  port: config.port,
  logger,
  db,
  handleSignals: true,
});
