import cors from 'cors';
import type { RequestHandler } from 'express';

/** Headers a browser may send cross-origin, and those its script may read back. */
export const corsAllowedHeaders = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Request-Id',
];
export const corsExposedHeaders = ['WWW-Authenticate', 'Idempotent-Replayed', 'X-Request-Id'];
export const corsMaxAgeSeconds = 600;

/**
 * CORS for the configured origins only, compared exactly (scheme, host and port): `null`, a
 * wildcard and look-alikes such as `https://app.example.com.evil.test` never match. Mounted before
 * auth, because a browser's preflight carries no token and must not get a 401.
 */
export function corsFor(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: corsAllowedHeaders,
    exposedHeaders: corsExposedHeaders,
    credentials: false,
    maxAge: corsMaxAgeSeconds,
    optionsSuccessStatus: 204,
  });
}
