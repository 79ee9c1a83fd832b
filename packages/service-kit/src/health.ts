import type { Router } from 'express';
import { HttpProblem, problemTypes } from './problems';
import { staticJson } from './static-json';

export interface Readiness {
  /** Resolves when the database answers. */
  ping(): Promise<void>;
}

const ok = staticJson({ status: 'ok' });
const ready = staticJson({ status: 'ready' });

/**
 * /healthz: the process is up (no dependencies checked, so an orchestrator does not restart a
 * service because its database blinked). /readyz: it can serve, i.e. the database answers and it
 * is not draining for shutdown. Neither needs a token.
 *
 * Mounted straight on the app, not as a router of their own: a nested router is a second
 * dispatch on every request, and every request passes here on its way to the API's routes.
 */
export function mountHealthRoutes(
  app: Pick<Router, 'get'>,
  db: Readiness,
  isDraining: () => boolean,
): void {
  app.get('/healthz', (_req, res) => {
    ok(res);
  });
  app.get('/readyz', async (_req, res, next) => {
    if (isDraining()) {
      next(new HttpProblem(503, problemTypes.unavailable, 'The service is shutting down.'));
      return;
    }
    try {
      await db.ping();
      ready(res);
    } catch {
      next(new HttpProblem(503, problemTypes.unavailable, 'The database is not reachable.'));
    }
  });
}
