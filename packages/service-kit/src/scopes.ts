import type { Scope, ServiceScope } from '@repo/auth-config';
import type { Request, RequestHandler } from 'express';
import { insufficientScope, missingCredentials, wrongCaller } from './auth-errors';

/** The verified token's claims, as the verifier left them on the request. */
export interface VerifiedClaims {
  readonly sub: string;
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

function payloadOf(req: Request): Record<string, unknown> | undefined {
  return (req as Request & { auth?: { payload?: Record<string, unknown> } }).auth?.payload;
}

/** The realm of the app's challenges, read only when a refusal needs it. */
function realmOf(req: Request): string {
  return String(req.app.get('auth realm') ?? 'api');
}

/**
 * The caller's verified claims. Throws (401) when no verifier ran, so a route mounted by mistake
 * outside the authenticated router fails closed.
 */
export function claimsOf(req: Request): VerifiedClaims {
  const payload = payloadOf(req);
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '') {
    throw missingCredentials(realmOf(req), 'This request needs a bearer access token.');
  }
  return payload as VerifiedClaims;
}

/** The caller's `sub`: every query on user data is filtered by it. */
export function subjectOf(req: Request): string {
  return claimsOf(req).sub;
}

/**
 * Whether a verified token was issued to a service for itself (client credentials) rather than
 * to a user: Auth0 marks those with `gty: client-credentials` and the subject `<client_id>@clients`.
 * Either mark is enough; a user's token carries neither.
 */
export function isServiceToken(payload: Readonly<Record<string, unknown>>): boolean {
  const gty = payload.gty;
  const grantTypes = Array.isArray(gty) ? gty : [gty];
  if (grantTypes.includes('client-credentials')) return true;
  return typeof payload.sub === 'string' && payload.sub.endsWith('@clients');
}

type Caller = 'user' | 'service';

// The verifier's cache hands every request with the same token the same (frozen) payload, so
// its scopes are split once per token, not once per request.
const scopeSets = new WeakMap<object, ReadonlySet<string>>();

/** The scopes a token grants: Auth0 puts them space-separated in `scope`. */
function scopesOf(payload: Record<string, unknown>): ReadonlySet<string> {
  let granted = scopeSets.get(payload);
  if (!granted) {
    const scope = payload.scope;
    granted = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
    // Only a frozen payload is known not to change its scope later.
    if (Object.isFrozen(payload)) scopeSets.set(payload, granted);
  }
  return granted;
}

function grantsAll(granted: ReadonlySet<string>, scopes: readonly string[]): boolean {
  for (const scope of scopes) if (!granted.has(scope)) return false;
  return true;
}

// No closure is made per request: tsx and esbuild's keepNames wrap every named one in a
// __name() call, which showed in the profile (tests/bench/README.md).
function guard(caller: Caller, scopes: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const payload = payloadOf(req);
    if (!payload) {
      next(missingCredentials(realmOf(req), 'This request needs a bearer access token.'));
      return;
    }
    // Who is calling comes before what it may do: a scope granted to the wrong kind of caller
    // (a misconfigured role or client grant) must not open the route.
    const service = isServiceToken(payload);
    if (service !== (caller === 'service')) {
      next(wrongCaller(realmOf(req), caller));
      return;
    }
    if (grantsAll(scopesOf(payload), scopes)) next();
    else next(insufficientScope(realmOf(req), scopes));
  };
}

/**
 * A route guard for a user route and one or more registry scopes (all required). Typed by the
 * registry's `Scope`, so a typo is a compile error. A missing scope is 403 insufficient_scope,
 * never 401; a client-credentials token is 403 whatever its scopes: a service acting for
 * itself has no user whose data the route could serve.
 */
export function requireScope(...scopes: [Scope, ...Scope[]]): RequestHandler {
  return guard('user', scopes);
}

/**
 * A route guard for a service route (registry `serviceScopes`, all required): only another
 * service, calling as itself with a client-credentials token granted that scope. A user's
 * token is 403, an admin's too.
 */
export function requireServiceScope(...scopes: [ServiceScope, ...ServiceScope[]]): RequestHandler {
  return guard('service', scopes);
}
