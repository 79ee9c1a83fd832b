import { apis, loadApiEnv, services, type ApiEnv } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp, type StartOptions } from '@repo/local-idp';
import { buildApp } from '@repo/orders-api/app';
import { createLogger, startServer, type StartedServer, type TokenVerifier } from '@repo/service-kit';
import { openDatabase, migrate, type Database } from '@repo/service-kit/db';
import { ordersMigrationsDir } from './paths';

export interface JwksCounter {
  /** JWKS requests the IdP answered so far. */
  readonly count: number;
}

/** The local IdP in this process, on a free port, counting the JWKS requests it answers. */
export async function startCountingIdp(options: StartOptions = {}): Promise<{ idp: LocalIdp; jwks: JwksCounter }> {
  let count = 0;
  const idp = await startLocalIdp({
    ...options,
    port: 0,
    onRequest: (entry) => {
      if (entry.path === '/.well-known/jwks.json') count += 1;
      options.onRequest?.(entry);
    },
  });
  return {
    idp,
    jwks: {
      get count() {
        return count;
      },
    },
  };
}

export function ordersConfig(idp: LocalIdp): ApiEnv<'orders'> {
  return loadApiEnv('orders', {
    source: {
      USE_LOCAL_IDP: 'true',
      AUTH0_DOMAIN: idp.domain,
      CORS_ALLOWED_ORIGINS: `http://localhost:${services.web.port}`,
      LOG_LEVEL: 'silent',
    },
    log: () => {},
  });
}

export interface InProcessApi {
  readonly app: ReturnType<typeof buildApp>;
  readonly url: string;
  readonly server: StartedServer;
  readonly db: Database;
  stop(): Promise<void>;
}

/**
 * The real Orders API (buildApp, the production shell from service-kit) on a free port in this
 * process, over PGlite in memory. `verifyToken` swaps the verifier, e.g. for one with shorter
 * refresh and cooldown periods, so that a test sees several of them in seconds.
 */
export async function startOrdersApi(idp: LocalIdp, options: { verifyToken?: TokenVerifier } = {}): Promise<InProcessApi> {
  const config = ordersConfig(idp);
  const db = await openDatabase({ databaseUrl: undefined });
  await migrate(db, ordersMigrationsDir);
  const logger = createLogger({ serviceName: config.serviceName, level: 'silent' });
  const app = buildApp(config, { db, logger, verifyToken: options.verifyToken });
  const server = await startServer(app, { host: '127.0.0.1', port: 0, logger, db });
  return { app, url: server.url, server, db, stop: () => server.shutdown('test done') };
}

export const ordersAudience = apis.orders.audience;
export const ordersScopes = apis.orders.scopes;

/** A token for the Orders API with every orders scope, signed by the IdP's current key. */
export function ordersToken(idp: LocalIdp, sub = 'auth0|alice', extra: { kid?: string } = {}): Promise<string> {
  const { read, write } = ordersScopes;
  return idp.mintAccessToken({ sub, audience: ordersAudience, scope: `${read} ${write}`, ...extra });
}
