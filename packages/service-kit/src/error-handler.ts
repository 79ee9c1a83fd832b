import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { insufficientScope, invalidRequest, invalidToken, missingCredentials } from './auth-errors';
import {
  HttpProblem,
  problemContentType,
  problemTypes,
  titleOf,
  type ProblemBody,
} from './problems';

interface StatusError {
  status?: unknown;
  statusCode?: unknown;
  code?: unknown;
  type?: unknown;
  message?: unknown;
  headers?: unknown;
}

const verifierErrorNames = new Set([
  'UnauthorizedError',
  'InvalidRequestError',
  'InvalidTokenError',
  'InsufficientScopeError',
]);

function realmOf(req: Request): string {
  return String(req.app.get('auth realm') ?? 'api');
}

/**
 * Maps anything thrown to an HttpProblem. The token verifier's errors are rebuilt with our realm
 * and statuses: it answers 400 where RFC 6750 wants a bare 401 (no usable credentials).
 */
export function toHttpProblem(err: unknown, req: Request): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as StatusError;
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : undefined;
  const name = (err as Error | undefined)?.name;

  if (name && verifierErrorNames.has(name)) {
    const realm = realmOf(req);
    if (e.code === 'invalid_token')
      return invalidToken(realm, message ?? 'The access token is not valid.');
    if (e.code === 'insufficient_scope') {
      const scope = /scope="([^"]*)"/.exec(JSON.stringify(e.headers ?? {}))?.[1] ?? '';
      return insufficientScope(realm, scope.split(' ').filter(Boolean));
    }
    if (e.code === 'invalid_request' && status === 400) {
      return invalidRequest(realm, message ?? 'The request is malformed.');
    }
    return missingCredentials(realm, 'This request needs a bearer access token.');
  }

  // body-parser (express.json) errors carry a `type`.
  switch (e.type) {
    case 'entity.too.large':
      return new HttpProblem(413, problemTypes.payloadTooLarge, 'The request body is too large.');
    case 'entity.parse.failed':
      return new HttpProblem(400, problemTypes.badRequest, 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(
        415,
        problemTypes.unsupportedMediaType,
        'The request body encoding or charset is not supported.',
      );
    default:
      break;
  }
  if (status >= 400 && status < 500) {
    return new HttpProblem(status, problemTypes.badRequest, titleOf(status));
  }
  return new HttpProblem(500, problemTypes.internal, 'An unexpected error occurred.');
}

function requestIdOf(req: Request): string | undefined {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

export function problemBody(problem: HttpProblem, req: Request): ProblemBody {
  const body: ProblemBody = {
    type: problem.type,
    title: titleOf(problem.status),
    status: problem.status,
    detail: problem.message,
    // The path only: a query string could hold what we refuse to echo (a token).
    instance: req.path,
  };
  const requestId = requestIdOf(req);
  if (requestId) body.requestId = requestId;
  if (problem.errors) body.errors = [...problem.errors];
  return body;
}

/**
 * The last middleware: every error becomes application/problem+json, never HTML or a stack.
 * `onProblem` is told about each one (createService counts refusals by reason).
 */
export function problemErrorHandler(
  onProblem?: (problem: HttpProblem) => void,
): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const problem = toHttpProblem(err, req);
    onProblem?.(problem);
    if (problem.status >= 500) req.log?.error({ err }, 'request failed');
    for (const [name, value] of Object.entries(problem.headers)) {
      try {
        res.setHeader(name, value);
      } catch {
        // Never an HTML 500 because a header value was unfit: the body still says what went wrong.
        req.log?.warn({ header: name }, 'dropped a response header Node refused');
      }
    }
    res
      .status(problem.status)
      .type(problemContentType)
      .send(JSON.stringify(problemBody(problem, req)));
  };
}

/** Unknown routes: a 404 problem (after auth, so it reveals nothing to anonymous callers). */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpProblem(404, problemTypes.notFound, `No route for ${req.method} ${req.path}.`));
  };
}
