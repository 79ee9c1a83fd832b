import { decodeJwt } from 'jose';

/**
 * Whether an access token grants `scope`, by its `permissions` (Auth0 RBAC) or `scope` claim.
 * The token came from our own IdP over the back channel, so reading its claims is enough to
 * decide what to show; the API verifies it again on every call.
 */
export function grantsScope(token: string, scope: string): boolean {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token);
  } catch {
    return false;
  }
  const permissions = Array.isArray(claims.permissions) ? claims.permissions : [];
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return permissions.includes(scope) || scopes.includes(scope);
}
