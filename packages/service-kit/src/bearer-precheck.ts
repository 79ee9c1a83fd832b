import type { Request, RequestHandler } from 'express';
import { invalidRequest, missingCredentials } from './auth-errors';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
// The form nearly every client sends, already as the verifier wants it: one test and done.
const exactBearer = /^Bearer [A-Za-z0-9\-._~+/]+=*$/;

function isFormBody(req: Request): boolean {
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
}

/**
 * Decides, before any token is verified, whether the request carries exactly one usable bearer
 * token in the Authorization header:
 * - a token in the query string (RFC 9700: never in URLs) or a form body is refused with 400
 *   invalid_request: express-oauth2-jwt-bearer would accept both and cannot be told not to;
 * - no header, another scheme (`Basic …`) or an empty `Bearer` is 401 with no error code, as
 *   RFC 6750 §3.1 asks (the library answers 400 there);
 * - a header that is not `Bearer <b64token>` is 400 invalid_request.
 */
export function bearerPrecheck(realm: string): RequestHandler {
  return (req, _res, next) => {
    // Express 5 parses the query string on every read of req.query: only when there is one.
    const query = req.url.includes('?')
      ? (req.query as Record<string, unknown> | undefined)
      : undefined;
    if (query && Object.hasOwn(query, 'access_token')) {
      next(
        invalidRequest(
          realm,
          'Access tokens are accepted only in the Authorization header, never in the URL.',
        ),
      );
      return;
    }
    if (req.headers['content-type'] !== undefined && isFormBody(req)) {
      // The form is never parsed: whatever it holds, a token there is refused unread.
      next(
        invalidRequest(
          realm,
          'Access tokens are accepted only in the Authorization header; form bodies are not accepted.',
        ),
      );
      return;
    }
    const header = req.headers.authorization;
    if (header === undefined) {
      next(missingCredentials(realm, 'This request needs a bearer access token.'));
      return;
    }
    if (exactBearer.test(header)) {
      next();
      return;
    }
    const match = /^(\S+)(?: +(.*))?$/.exec(header.trim());
    const scheme = match?.[1]?.toLowerCase();
    const credentials = match?.[2]?.trim() ?? '';
    if (scheme !== 'bearer' || credentials === '') {
      next(missingCredentials(realm, 'This request needs a bearer access token.'));
      return;
    }
    if (!b64token.test(credentials)) {
      next(
        invalidRequest(realm, 'The Authorization header is malformed; expected "Bearer <token>".'),
      );
      return;
    }
    // Normalised so the verifier sees exactly "Bearer <token>".
    req.headers.authorization = `Bearer ${credentials}`;
    next();
  };
}
