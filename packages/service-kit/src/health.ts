import { Router } from 'express';
import { HttpProblem, problemTypes } from './problems';

export interface Readiness {
  /** Resolves when the database answers. */
  ping(): Promise<void>;
}

/**
 * /healthz: the process is up (no dependencies checked, so an orchestrator does not restart a
 * service because its database blinked). /readyz: it can serve, i.e. the database answers and it
 * is not draining for shutdown. Neither needs a token.
 */
export function healthRoutes(db: Readiness, isDraining: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res, next) => {
    if (isDraining()) {
      next(new HttpProblem(503, problemTypes.unavailable, 'The service is shutting down.'));
      return;
    }
    try {
      await db.ping();
      res.json({ status: 'ready' });
    } catch {
      next(new HttpProblem(503, problemTypes.unavailable, 'The database is not reachable.'));
    }
  });
  return router;
}
