import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares as one Express layer, run in order with Express's rules: `next()` goes on
 * to the following one, `next(err)` (or a throw, or a rejected promise) and `next('route')` /
 * `next('router')` leave the chain for Express to handle as it would have.
 *
 * Why: every layer costs the router a round of `next()` (path lookup, layer match, the promise
 * check) on every request, and the shell's own layers (trace, access log, headers, CORS, token
 * checks) apply to every path anyway. The router's dispatch was about a tenth of the busy time
 * of GET /catalog in the profile (tests/bench/README.md).
 */
export function chain(handlers: readonly RequestHandler[]): RequestHandler {
  const list = [...handlers];
  return (req, res, done) => {
    runFrom(list, 0, req, res, done);
  };
}

function runFrom(
  list: readonly RequestHandler[],
  index: number,
  req: Request,
  res: Response,
  done: NextFunction,
): void {
  const handler = list[index];
  if (handler === undefined) {
    done();
    return;
  }
  try {
    // An inline callback, not a named per-request closure: tsx and esbuild's keepNames wrap
    // every named function expression in a __name() call, which showed in the profile.
    const result: unknown = handler(req, res, (err?: unknown) => {
      if (err) done(err);
      else runFrom(list, index + 1, req, res, done);
    });
    if (result instanceof Promise)
      result.then(undefined, (error: unknown) => done(error ?? new Error('Rejected promise')));
  } catch (error) {
    done(error);
  }
}
