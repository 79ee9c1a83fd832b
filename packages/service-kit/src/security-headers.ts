import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers with its defaults, worked out once: helmet runs a dozen middlewares per
 * request to set the same dozen constant headers. Its defaults depend on nothing in the request
 * (no CSP nonce), so they are recorded from one run against a stand-in response and replayed.
 */
export function securityHeaders(): RequestHandler {
  const set: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let called = false;
  helmet()(
    { headers: {} } as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err?: unknown) => {
      if (err) throw err;
      called = true;
    },
  );
  // helmet answers synchronously; if a future version does not, fail at start, not per request.
  if (!called) throw new Error('helmet did not finish synchronously; cannot precompute headers');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
