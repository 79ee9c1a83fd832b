import type { RequestHandler } from 'express';

/**
 * The step that verifies the bearer token and sets `req.auth` ({ payload, header, token }), or
 * passes an error carrying `status`, `code` and `headers` to `next`: the contract of
 * express-oauth2-jwt-bearer's `auth()`. Anything with this shape plugs into
 * `createService({ verifyToken })`; the default is resilientJwtVerifier.
 */
export type TokenVerifier = RequestHandler;
