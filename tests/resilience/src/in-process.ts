import { apis, loadApiEnv } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp, type StartOptions } from '@repo/local-idp';
import {
  createLogger,
  createService,
  requireScope,
  subjectOf,
  resilientJwtVerifier,
  startServer,
  type ResilientVerifier,
  type ResilientVerifierOptions,
  type StartedServer,
  type TokenVerifier,
} from '@repo/service-kit';
import { openDatabase } from '@repo/service-kit/db';
import type { Express } from 'express';

export interface JwksCounter {
  /** JWKS requests the IdP answered so far. */
  readonly count: number;
}

/** The local IdP in this process, on a free port, counting the JWKS requests it answers. */
export async function startCountingIdp(
  options: StartOptions = {},
): Promise<{ idp: LocalIdp; jwks: JwksCounter }> {
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
  return loadApiEnv('orders', {
    source: { ...ordersEnv(idp), LOG_LEVEL: 'silent' },
    log: () => {},
  });
}

/** The production verifier for the Orders API and `idp`, with other options (shorter periods, …). */
export function ordersVerifier(
  idp: LocalIdp,
  options: Omit<ResilientVerifierOptions, 'issuer' | 'jwksUri' | 'audience'>,
): ResilientVerifier {
  const { issuer, jwksUri, audience } = ordersConfig(idp).auth0;
  return resilientJwtVerifier({ issuer, jwksUri, audience, ...options });
}

export interface InProcessApi {
  readonly app: Express;
  readonly url: string;
  readonly server: StartedServer;
  stop(): Promise<void>;
}

/**
 * A protected API on the production shell (service-kit's createService with its default verifier,
 * or `verifyToken`, e.g. one with shorter refresh and cooldown periods so that a test sees several
 * of them in seconds), on a free port in this process. It serves GET /orders with the Orders
 * API's audience and read scope. It is not orders-api itself: a harness never imports an app, and
 * what these tests exercise (key set, cache, limiter) is the shell's; the real orders-api runs as
 * a process in the crash and shutdown tests.
 */
export async function startShellApi(
  idp: LocalIdp,
  options: { verifyToken?: TokenVerifier } = {},
): Promise<InProcessApi> {
  const config = ordersConfig(idp);
  const db = await openDatabase({ databaseUrl: undefined });
  const logger = createLogger({ serviceName: config.serviceName, level: 'silent' });
  const app = createService({
    config,
    db,
    logger,
    verifyToken: options.verifyToken,
    routes: (router) => {
      router.get('/orders', requireScope(apis.orders.scopes.read), (req, res) => {
        res.json({ items: [], nextCursor: null, sub: subjectOf(req) });
      });
    },
  });
  // The server's shutdown closes the database.
  const server = await startServer(app, { host: '127.0.0.1', port: 0, logger, db });
  return { app, url: server.url, server, stop: () => server.shutdown('test done') };
}

/** A token for the Orders API with every orders scope, signed by the IdP's current key. */
export function ordersToken(
  idp: LocalIdp,
  sub = 'auth0|alice',
  extra: { kid?: string } = {},
): Promise<string> {
  const { audience, scopes } = apis.orders;
  return idp.mintAccessToken({ sub, audience, scope: `${scopes.read} ${scopes.write}`, ...extra });
}
