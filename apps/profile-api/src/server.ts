// Entry point: load env, open the database, listen, shut down gracefully on SIGTERM/SIGINT.
import { startServer } from '@repo/service-kit';
import { applyMigrations } from '@repo/service-kit/boot';
import { buildApp } from './app';
import { boot } from './boot';
import { migrationsDir } from './db/migrations-dir';

const { config, logger, db } = await boot();
// Outside production, start migrates too so `pnpm dev` needs no extra step; production runs
// `pnpm migrate` as its own deploy step.
if (!config.production) await applyMigrations(db, logger, migrationsDir);
logger.info(
  { database: db.location, issuer: config.auth0.issuer, audience: config.auth0.audience },
  'starting',
);
await startServer(buildApp(config, { db, logger }), {
  host: config.host,
  port: config.port,
  logger,
  db,
  handleSignals: true,
  metrics: config.telemetry.metrics,
});
