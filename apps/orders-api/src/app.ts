import type { ApiEnv } from '@repo/auth-config';
import { serviceClientsFor } from '@repo/service-client';
import {
  createLogger,
  createService,
  createServiceMetrics,
  type Logger,
  type ServiceMetrics,
  type TokenVerifier,
} from '@repo/service-kit';
import type { Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import { createCatalog, type Catalog } from './catalog';
import { createCustomerDirectory, type CustomerDirectory } from './customers';
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
  /** Defaults to profile-api, called as orders-api (config.calls.profile, its M2M client). */
  readonly customers?: CustomerDirectory;
  readonly verifyToken?: TokenVerifier;
}

/**
 * The Orders API as an Express app. No I/O here: the caller owns the database and the port, and
 * the first admin list fetches the first service token.
 */
export function buildApp(config: ApiEnv<'orders'>, deps: OrdersApiDeps): Express {
  const logger =
    deps.logger ?? createLogger({ serviceName: config.serviceName, level: config.logLevel });
  const store = deps.orders ?? createOrderStore(deps.db.orm);
  const catalog = deps.catalog ?? createCatalog();
  // Made before the app: the profile client records its calls and token requests in them too.
  const metrics = createServiceMetrics();
  const customers =
    deps.customers ?? createCustomerDirectory(profileClient(config, logger, metrics), logger);
  return createService({
    config,
    db: deps.db,
    logger,
    metrics,
    verifyToken: deps.verifyToken,
    routes: (router) => {
      catalogRoutes(catalog)(router);
      orderRoutes(store, catalog)(router);
      adminRoutes(store, customers)(router);
    },
  });
}

/** orders-api's client for profile-api; its token cache lives as long as this app (the process). */
function profileClient(config: ApiEnv<'orders'>, logger: Logger, metrics: ServiceMetrics) {
  const { clients } = serviceClientsFor(config, {
    onCall: (call) => metrics.upstreamCall(call),
    tokens: {
      // Every token request is worth a line: there should be one per audience per hour.
      onEvent: (event) => {
        if (event.type === 'issued') {
          metrics.serviceTokenRequest({ outcome: 'issued', seconds: event.ms / 1000 });
          logger.info({ token: event }, 'service token issued');
        } else {
          metrics.serviceTokenRequest({ outcome: 'failed' });
          logger.warn({ token: event }, 'service token request failed');
        }
      },
    },
  });
  return clients.profile;
}
