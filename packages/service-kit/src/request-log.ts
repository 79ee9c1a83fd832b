import type { Express, Request, RequestHandler, Response } from 'express';
import type { Level, Logger } from 'pino';
import { redactUrl } from './logger';
import { assignRequestId } from './request-id';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set by requestLog before anything else runs. */
    id?: string;
    /** A logger bound to this request, made on first use (createService installs it). */
    readonly log?: Logger;
  }
}

/**
 * More fields for a request's access line, e.g. `trace_id` and `span_id` of the span the request
 * ran in (createService's default). Called once per request, when it starts: the line is written
 * from the response's 'close' event, which runs outside the request's trace context. Return
 * undefined for none.
 */
export type RequestLogFields = (req: Request, res: Response) => Record<string, unknown> | undefined;

export interface RequestLogOptions {
  readonly fields?: RequestLogFields;
}

/** The request as its lines show it: never a header that can hold a credential, a redacted URL. */
function requestFields(req: Request) {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url),
    // The matched route's pattern (e.g. /orders/:id): what to group latencies by.
    route: (req.route as { path?: unknown } | undefined)?.path,
    origin: req.headers.origin,
    userAgent: req.headers['user-agent'],
    remoteAddress: req.socket.remoteAddress,
  };
}

function levelOf(status: number): Level {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}

/**
 * One access line per request, written when the response is done: the request (id, method, URL,
 * route, origin, user agent, address), `res.statusCode`, `responseTime` in ms and the message
 * "request completed" ("request errored" at 500 and above, "request aborted" when the client
 * left first); the same fields pino-http wrote. It replaces pino-http, whose child logger per
 * request (the request serialised into its bindings up front) was the largest cost of the shell
 * in the profile (tests/bench/README.md): nothing is built until the line is written, and
 * nothing at all when the line's level is off.
 */
export function requestLog(logger: Logger, options: RequestLogOptions = {}): RequestHandler {
  const { fields } = options;
  // The line holds only the fields above (no header that can carry a credential, the URL
  // redacted), so it skips the logger's redaction paths, which cost more than the line itself.
  const access = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = performance.now();
    req.id = assignRequestId(req, res);
    const extra = fields?.(req, res);
    // 'close' follows 'finish' on every response, and comes alone when the client went away.
    res.on('close', () => {
      const status = res.statusCode;
      const level = levelOf(status);
      if (!access.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        req: requestFields(req),
        res: { statusCode: status },
        responseTime: Math.round(performance.now() - started),
        ...extra,
      };
      if (status >= 500) line.err = new Error(`failed with status code ${status}`);
      const aborted = !res.writableFinished;
      access[level](
        line,
        status >= 500 ? 'request errored' : aborted ? 'request aborted' : 'request completed',
      );
    });
    next();
  };
}

const boundLogger = Symbol('request logger');

/**
 * `req.log` on every request of `app`: a child of `logger` bound to the request, made the first
 * time something logs through it (the error handler, on errors) instead of on every request.
 */
export function installRequestLogger(app: Express, logger: Logger): void {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Request & { [boundLogger]?: Logger }): Logger {
      return (this[boundLogger] ??= logger.child({ req: requestFields(this) }));
    },
  });
}
