import type { Scope } from '@repo/auth-config';
import type { Request, RequestHandler } from 'express';
import { insufficientScope, missingCredentials } from './auth-errors';

/** The verified token's claims, as the verifier left them on the request. */
export interface VerifiedClaims {
  readonly sub: string;
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

function payloadOf(req: Request): Record<string, unknown> | undefined {
  return (req as Request & { auth?: { payload?: Record<string, unknown> } }).auth?.payload;
}

/** The scopes a token grants: Auth0 puts them space-separated in `scope`. */
export function grantedScopes(req: Request): Set<string> {
  const scope = payloadOf(req)?.scope;
  return new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
}

/**
 * The caller's verified claims. Throws (401) when no verifier ran, so a route mounted by mistake
 * outside the authenticated router fails closed.
 */
export function claimsOf(req: Request): VerifiedClaims {
  const payload = payloadOf(req);
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '') {
    throw missingCredentials(
      String(req.app.get('auth realm') ?? 'api'),
      'This request needs a bearer access token.',
    );
  }
  return payload as VerifiedClaims;
}

/** The caller's `sub`: every query on user data is filtered by it. */
export function subjectOf(req: Request): string {
  return claimsOf(req).sub;
}

/**
 * A route guard for one or more registry scopes (all required). Typed by the registry's `Scope`,
 * so a typo is a compile error. A missing scope is 403 insufficient_scope, never 401.
 */
export function requireScope(...scopes: [Scope, ...Scope[]]): RequestHandler {
  return (req, _res, next) => {
    const realm = String(req.app.get('auth realm') ?? 'api');
    if (!payloadOf(req)) {
      next(missingCredentials(realm, 'This request needs a bearer access token.'));
      return;
    }
    const granted = grantedScopes(req);
    if (scopes.every((s) => granted.has(s))) next();
    else next(insufficientScope(realm, scopes));
  };
}
