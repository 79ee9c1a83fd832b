import type { ApiEnv } from '@repo/auth-config';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { bearerPrecheck } from './bearer-precheck';
import { defaultBodyLimit, jsonBody, requireJsonBody } from './body';
import { corsFor } from './cors';
import { notFoundHandler, problemErrorHandler } from './error-handler';
import { healthRoutes, type Readiness } from './health';
import { createLogger, httpLogger, type Logger } from './logger';
import { jwtBearerVerifier, type TokenVerifier } from './token-verifier';

export interface ServiceOptions {
  /** The API's env, from `loadApiEnv(name)`: audience, issuer, JWKS URL, CORS origins, log level. */
  readonly config: Pick<ApiEnv, 'serviceName' | 'auth0' | 'corsAllowedOrigins' | 'logLevel'>;
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  readonly logger?: Logger;
  /** Checked by /readyz. */
  readonly db: Readiness;
  /** Mounts the API's routes. Every route is behind token verification; guard each with requireScope. */
  readonly routes: (router: Router) => void;
  /** Replaces the default express-oauth2-jwt-bearer verifier (e.g. a cached one). */
  readonly verifyToken?: TokenVerifier;
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

/**
 * The shell of every API. Order matters:
 * request id + logs → helmet → CORS (before auth: preflights carry no token) → health →
 * token location precheck → token verification → JSON body → routes → 404 → problem+json errors.
 * No I/O happens here; the first JWKS fetch happens on the first authenticated request.
 */
export function createService(options: ServiceOptions): Express {
  const { config } = options;
  const logger =
    options.logger ?? createLogger({ serviceName: config.serviceName, level: config.logLevel });
  const realm = config.auth0.audience;
  const lifecycle: ServiceLifecycle = { draining: false };

  const app = express();
  app.locals.lifecycle = lifecycle;
  app.set('auth realm', realm);
  app.set('etag', false);
  app.disable('x-powered-by');

  app.use(httpLogger(logger));
  app.use(helmet());
  app.use(corsFor(config.corsAllowedOrigins));
  app.use(healthRoutes(options.db, () => lifecycle.draining));

  const verify =
    options.verifyToken ??
    jwtBearerVerifier({
      issuer: config.auth0.issuer,
      jwksUri: config.auth0.jwksUri,
      audience: config.auth0.audience,
    });

  const api = Router();
  api.use(bearerPrecheck(realm));
  api.use(verify);
  api.use(requireJsonBody());
  api.use(jsonBody(options.bodyLimit ?? defaultBodyLimit));
  options.routes(api);
  app.use(api);

  app.use(notFoundHandler());
  app.use(problemErrorHandler());
  return app;
}
