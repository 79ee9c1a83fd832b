// Entry point: load env, open the database, listen, shut down gracefully on SIGTERM/SIGINT.
import { startServer } from '@repo/service-kit';
import { applyMigrations } from '@repo/service-kit/boot';
import { buildApp } from './app';
import { boot } from './boot';
import { createCatalog } from './catalog';
import { migrationsDir } from './db/migrations-dir';
import { seedDevOrders, shouldSeed } from './dev-seed';
import { createOrderStore } from './orders/store';

const { config, logger, db } = await boot();
// Outside production, start migrates too so `pnpm dev` needs no extra step; production runs
// `pnpm migrate` as its own deploy step.
if (!config.production) await applyMigrations(db, logger, migrationsDir);
const orders = createOrderStore(db.orm);
const catalog = createCatalog();
if (shouldSeed(config)) {
  const seeded = await seedDevOrders(orders, catalog);
  if (seeded) logger.info({ seeded }, "dev seed: Alice's orders created");
}
logger.info(
  { database: db.location, issuer: config.auth0.issuer, audience: config.auth0.audience },
  'starting',
);
await startServer(buildApp(config, { db, logger, orders, catalog }), {
  host: config.host,
  port: config.port,
  logger,
  db,
  handleSignals: true,
  metrics: config.telemetry.metrics,
});
