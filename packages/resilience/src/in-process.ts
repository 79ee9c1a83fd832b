import { apis, loadApiEnv } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp, type StartOptions } from '@repo/local-idp';
import { buildApp } from '@repo/orders-api/app';
import {
  createLogger,
  resilientJwtVerifier,
  startServer,
  type ResilientVerifier,
  type ResilientVerifierOptions,
  type StartedServer,
  type TokenVerifier,
} from '@repo/service-kit';
import type { Database } from '@repo/service-kit/db';
import { createTestDatabase } from '@repo/service-kit/testing';
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

/**
 * What the Orders API is given to trust the local IdP at `idp`, in this process or in a child.
 * CORS keeps the loader's non-production default (web's local origin).
 */
export function ordersEnv(idp: LocalIdp): Record<string, string> {
  return { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idp.domain };
}

function ordersConfig(idp: LocalIdp) {
  return loadApiEnv('orders', { source: { ...ordersEnv(idp), LOG_LEVEL: 'silent' }, log: () => {} });
}

/** The production verifier for the Orders API and `idp`, with other options (shorter periods, …). */
export function ordersVerifier(idp: LocalIdp, options: Omit<ResilientVerifierOptions, 'issuer' | 'jwksUri' | 'audience'>): ResilientVerifier {
  const { issuer, jwksUri, audience } = ordersConfig(idp).auth0;
  return resilientJwtVerifier({ issuer, jwksUri, audience, ...options });
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
  const { db } = await createTestDatabase({ migrationsDir: ordersMigrationsDir, databaseUrl: undefined });
  const logger = createLogger({ serviceName: config.serviceName, level: 'silent' });
  const app = buildApp(config, { db, logger, verifyToken: options.verifyToken });
  // The server's shutdown closes the database.
  const server = await startServer(app, { host: '127.0.0.1', port: 0, logger, db });
  return { app, url: server.url, server, db, stop: () => server.shutdown('test done') };
}

/** A token for the Orders API with every orders scope, signed by the IdP's current key. */
export function ordersToken(idp: LocalIdp, sub = 'auth0|alice', extra: { kid?: string } = {}): Promise<string> {
  const { audience, scopes } = apis.orders;
  return idp.mintAccessToken({ sub, audience, scope: `${scopes.read} ${scopes.write}`, ...extra });
}
