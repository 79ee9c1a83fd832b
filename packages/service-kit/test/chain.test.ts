import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { chain } from '../src/chain';

/** An app with `handlers` as one chained layer, then a route, then an error handler. */
function appWith(handlers: RequestHandler[]) {
  const app = express();
  app.use(chain(handlers));
  app.get('/', (_req, res) => {
    res.json({ reached: 'route', seen: res.locals.seen ?? [] });
  });
  app.use(((err: unknown, _req, res, _next) => {
    res.status(500).json({ error: err instanceof Error ? err.message : String(err) });
  }) as express.ErrorRequestHandler);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...((res.locals.seen as string[] | undefined) ?? []), name];
    next();
  };

describe('chain', () => {
  it('runs the middlewares in order, then the routes after it', async () => {
    const res = await request(appWith([mark('a'), mark('b'), mark('c')])).get('/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reached: 'route', seen: ['a', 'b', 'c'] });
  });

  it('stops at the first that answers', async () => {
    const answer: RequestHandler = (_req, res) => {
      res.status(204).end();
    };
    const res = await request(appWith([mark('a'), answer, mark('never')])).get('/');
    expect(res.status).toBe(204);
  });

  it("hands next(err), a throw and a rejected promise to Express's error handling", async () => {
    const viaNext: RequestHandler = (_req, _res, next) => next(new Error('via next'));
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejected: RequestHandler = async () => {
      await Promise.resolve();
      throw new Error('rejected');
    };
    for (const [handler, message] of [
      [viaNext, 'via next'],
      [thrown, 'thrown'],
      [rejected, 'rejected'],
    ] as const) {
      const res = await request(appWith([mark('a'), handler, mark('never')])).get('/');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: message });
    }
  });

  it("leaves the chain on next('route') as Express would leave the layer", async () => {
    const skip: RequestHandler = (_req, _res, next) => next('route');
    const res = await request(appWith([skip, mark('never')])).get('/');
    expect(res.body).toEqual({ reached: 'route', seen: [] });
  });

  it('goes on after middlewares that call next later (asynchronously)', async () => {
    const later: RequestHandler = (_req, _res, next) => {
      setImmediate(next);
    };
    const res = await request(appWith([later, mark('b')])).get('/');
    expect(res.body).toEqual({ reached: 'route', seen: ['b'] });
  });
});
