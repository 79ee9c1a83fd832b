import express, { type Request, type RequestHandler } from 'express';
import { HttpProblem, problemTypes } from './problems';

export const defaultBodyLimit = '16kb';
const jsonTypes = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** 415 for a body that is not JSON: nothing else is parsed, so nothing else is accepted. */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req) && !req.is(jsonTypes)) {
      next(
        new HttpProblem(
          415,
          problemTypes.unsupportedMediaType,
          'Send the request body as application/json.',
        ),
      );
      return;
    }
    next();
  };
}

/** Strict JSON (objects and arrays only) up to `limit`; past it, 413. */
export function jsonBody(limit: string = defaultBodyLimit): RequestHandler {
  const parse = express.json({ limit, strict: true, type: jsonTypes });
  // Most requests (every GET) have no body: body-parser would find that out after its own checks.
  // Its test, not ours: a Content-Length of 0 is a body to it (an empty JSON body is `{}`).
  return (req, res, next) => {
    if (
      req.headers['transfer-encoding'] === undefined &&
      req.headers['content-length'] === undefined
    ) {
      next();
      return;
    }
    parse(req, res, next);
  };
}
