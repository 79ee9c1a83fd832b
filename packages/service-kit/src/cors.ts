import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Logger } from './logger';
import { HttpProblem, problemTypes } from './problems';

/** Headers a browser may send cross-origin, and those its script may read back. */
export const corsAllowedHeaders = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Request-Id',
];
export const corsExposedHeaders = ['WWW-Authenticate', 'Idempotent-Replayed', 'X-Request-Id'];
export const corsMaxAgeSeconds = 600;

/** One log line per refused origin per minute: a page retrying must not flood the log. */
const refusalLogIntervalMs = 60_000;

/**
 * CORS for the configured origins only, compared exactly (scheme, host and port): `null`, a
 * wildcard and look-alikes such as `https://app.example.com.evil.test` never match. Mounted before
 * auth, because a browser's preflight carries no token and must not get a 401. A preflight from
 * an origin that is not allowed gets a 403 problem+json that says it is about CORS (never an auth
 * error that sends people looking at tokens), and the API logs the origin and the variable to
 * change; a plain request from such an origin is served without CORS headers (the browser then
 * keeps the answer from the page).
 */
export function corsFor(allowedOrigins: readonly string[], logger?: Logger): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const lastLogged = new Map<string, number>();
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: corsAllowedHeaders,
    exposedHeaders: corsExposedHeaders,
    credentials: false,
    maxAge: corsMaxAgeSeconds,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    const origin = req.headers.origin;
    // Most requests (servers, scripts, same-origin pages) send no Origin: the cors package would
    // copy its options and ask the origin check, only to call next() and add nothing.
    if (origin === undefined) {
      next();
      return;
    }
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight && !allowed.has(origin)) {
      const now = Date.now();
      if (now - (lastLogged.get(origin) ?? 0) > refusalLogIntervalMs) {
        if (lastLogged.size > 1000) lastLogged.clear();
        lastLogged.set(origin, now);
        logger?.warn(
          { origin, corsAllowedOrigins: [...allowed] },
          `CORS: refused a preflight from ${origin}; add it to CORS_ALLOWED_ORIGINS if the browser app runs there`,
        );
      }
      next(
        new HttpProblem(
          403,
          problemTypes.forbidden,
          'This origin may not call this API from a browser (CORS).',
        ),
      );
      return;
    }
    handler(req, res, next);
  };
}
