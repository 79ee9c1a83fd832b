import type { ApiEnv } from '@repo/auth-config';
import { traceLogFields } from '@repo/telemetry';
import express, { type Express, type Router } from 'express';
import { bearerPrecheck } from './bearer-precheck';
import { chain } from './chain';
import { defaultBodyLimit, jsonBody, requireJsonBody } from './body';
import { corsFor } from './cors';
import { notFoundHandler, problemErrorHandler } from './error-handler';
import { mountHealthRoutes, type Readiness } from './health';
import { securityHeaders } from './security-headers';
import { createLogger, type Logger } from './logger';
import { installRequestLogger, requestLog, type RequestLogFields } from './request-log';
import {
  resilientJwtVerifier,
  type ResilientVerifier,
  type ResilientVerifierOptions,
} from './auth/resilient-verifier';
import type { TokenVerifier } from './token-verifier';
import type { PoolStats } from './db/database';
import { createServiceMetrics, type ServiceMetrics } from './telemetry/metrics';
import { refusalReason } from './telemetry/refusals';
import { observeRequests } from './telemetry/request-observer';
import { serviceKitTracer } from './telemetry/tracer';

/** Tuning of the default verifier; issuer, JWKS URL and audience always come from the config. */
export type ServiceAuthOptions = Omit<
  ResilientVerifierOptions,
  'issuer' | 'jwksUri' | 'audience' | 'realm'
>;

export interface ServiceOptions {
  /** The API's env, from `loadApiEnv(name)`: audience, issuer, JWKS URL, CORS origins, log level. */
  readonly config: Pick<
    ApiEnv,
    'serviceName' | 'auth0' | 'corsAllowedOrigins' | 'logLevel' | 'trustProxy'
  >;
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  readonly logger?: Logger;
  /**
   * What /metrics serves (default: new ones). An API passes its own when something built before
   * the app records into them too (service-client's calls and token requests).
   */
  readonly metrics?: ServiceMetrics;
  /** Checked by /readyz; its pool's use is on /metrics. */
  readonly db: Readiness & { poolStats?(): PoolStats };
  /** Mounts the API's routes. Every route is behind token verification; guard each with requireScope. */
  readonly routes: (router: Router) => void;
  /**
   * Replaces the default verifier (resilientJwtVerifier: jose, last-good JWKS, verified-token
   * cache, invalid-token limit), e.g. with `jwtBearerVerifier` (express-oauth2-jwt-bearer as is).
   */
  readonly verifyToken?: TokenVerifier;
  /** Cache, key-set and rate-limit settings of the default verifier. */
  readonly auth?: ServiceAuthOptions;
  /** More fields on each access line, e.g. the active span's trace_id (telemetry's hook). */
  readonly requestLogFields?: RequestLogFields;
  /** JSON body limit, e.g. '16kb'. */
  readonly bodyLimit?: string;
}

/** What `startServer` flips when draining; /readyz reports it. */
export interface ServiceLifecycle {
  draining: boolean;
}

export function lifecycleOf(app: Express): ServiceLifecycle {
  return app.locals.lifecycle as ServiceLifecycle;
}

/** What the app records for /metrics; `startServer` serves it on METRICS_PORT. */
export function metricsOf(app: Express): ServiceMetrics {
  return app.locals.metrics as ServiceMetrics;
}

/** The default verifier of a createService app (its key set, cache and counters), if it has one. */
export function verifierOf(app: Express): ResilientVerifier | undefined {
  return app.locals.verifier as ResilientVerifier | undefined;
}

/**
 * The shell of every API. Order matters:
 * trace span + latency → request id + logs → helmet → CORS (before auth: preflights carry no
 * token) → health → token location precheck → token verification → JSON body → routes → 404 →
 * problem+json errors.
 * No I/O happens here; the first JWKS fetch happens on the first request that needs a key.
 */
export function createService(options: ServiceOptions): Express {
  const { config } = options;
  const logger =
    options.logger ?? createLogger({ serviceName: config.serviceName, level: config.logLevel });
  const realm = config.auth0.audience;
  const lifecycle: ServiceLifecycle = { draining: false };

  const app = express();
  const metrics = options.metrics ?? createServiceMetrics();
  metrics.attach({
    verifier: () => verifierOf(app)?.stats,
    pool: () => options.db.poolStats?.(),
  });
  app.locals.lifecycle = lifecycle;
  app.locals.metrics = metrics;
  app.set('auth realm', realm);
  app.set('etag', false);
  app.disable('x-powered-by');
  // Whom to believe about the client's address (req.ip): per-client limits key on it, so behind
  // a load balancer it must be the client's, not the balancer's (docs/security.md).
  app.set(
    'trust proxy',
    typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy,
  );

  installRequestLogger(app, logger);
  // What every request goes through, as one layer (see chain.ts). The trace first, so that every
  // log line of the request carries its trace id.
  app.use(
    chain([
      observeRequests(serviceKitTracer(), metrics.requestDuration),
      requestLog(logger, {
        fields: options.requestLogFields ?? traceLogFields,
      }),
      securityHeaders(),
      corsFor(config.corsAllowedOrigins, logger),
    ]),
  );
  mountHealthRoutes(app, options.db, () => lifecycle.draining);
  // Metrics live on METRICS_PORT only. Here a plain 404, not the 401 every other unknown path
  // gets without a token: nothing to hide, and a scraper pointed at the wrong port is told so.
  app.all('/metrics', notFoundHandler());

  let verify = options.verifyToken;
  if (!verify) {
    const verifier = resilientJwtVerifier({
      onKeySetEvent: (event) => {
        metrics.jwksEvent(event);
        if (event.type === 'fetch-failed')
          logger.warn({ jwks: event }, 'JWKS fetch failed; serving the last good key set');
        else logger.info({ jwks: event }, `JWKS ${event.type}`);
      },
      ...options.auth,
      issuer: config.auth0.issuer,
      jwksUri: config.auth0.jwksUri,
      audience: config.auth0.audience,
      realm,
    });
    app.locals.verifier = verifier;
    verify = verifier;
  }

  // On the app's own router, not a nested one: whatever health and /metrics did not answer goes
  // through the token checks, then the routes. A mounted Router answered the same, at the cost
  // of a second router dispatch per request (its handle, next and restore; tests/bench/README.md).
  app.use(
    chain([
      bearerPrecheck(realm),
      verify,
      requireJsonBody(),
      jsonBody(options.bodyLimit ?? defaultBodyLimit),
    ]),
  );
  options.routes(app.router);

  app.use(notFoundHandler());
  app.use(
    problemErrorHandler((problem) => {
      const reason = refusalReason(problem.type);
      if (reason) metrics.refusals.inc({ reason });
    }),
  );
  return app;
}
