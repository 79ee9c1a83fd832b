import type { ApiEnv } from '@repo/auth-config';
import { createService, type Logger, type TokenVerifier } from '@repo/service-kit';
import type { Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import { createCatalog, type Catalog } from './catalog';
import { createOrderStore, type OrderStore } from './orders/store';
import { adminRoutes } from './routes/admin';
import { catalogRoutes } from './routes/catalog';
import { orderRoutes } from './routes/orders';

export interface OrdersApiDeps {
  /** Opened (and migrated) by the caller: server.ts, or a test. */
  readonly db: Database;
  readonly logger?: Logger;
  /** Defaults to a store over `db`; tests may wrap it (e.g. to count calls). */
  readonly orders?: OrderStore;
  /** Defaults to the built-in catalog (src/catalog.ts). */
  readonly catalog?: Catalog;
  readonly verifyToken?: TokenVerifier;
}

/** The Orders API as an Express app. No I/O here: the caller owns the database and the port. */
export function buildApp(config: ApiEnv<'orders'>, deps: OrdersApiDeps): Express {
  const store = deps.orders ?? createOrderStore(deps.db.orm);
  const catalog = deps.catalog ?? createCatalog();
  return createService({
    config,
    db: deps.db,
    logger: deps.logger,
    verifyToken: deps.verifyToken,
    routes: (router) => {
      catalogRoutes(catalog)(router);
      orderRoutes(store, catalog)(router);
      adminRoutes(store)(router);
    },
  });
}
