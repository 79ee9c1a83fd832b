import {
  apiByAudience,
  claims,
  permissionsOf,
  resourceScopesOf,
  type ApiName,
} from '@repo/auth-config';
import { userBySub } from './accounts';

/**
 * The claims Auth0 adds to an access token that a plain OAuth server does not:
 * - `azp`, the client the token was issued to;
 * - `permissions`, the caller's permissions on that API (RBAC with "add permissions to the
 *   access token" on), independent of the scopes requested;
 * - the namespaced email and name, which the tenant's Action adds;
 * - for client credentials, `gty` and the `<client_id>@clients` subject.
 */
export function auth0AccessTokenClaims(input: {
  sub: string | undefined;
  clientId: string;
  audience: string;
  scope: string | undefined;
}): Record<string, unknown> {
  const api: ApiName | undefined = apiByAudience(input.audience);
  const granted = (input.scope ?? '').split(' ').filter(Boolean);
  const apiScopes: readonly string[] = api ? resourceScopesOf(api) : [];
  const apiPermissions = granted.filter((s) => apiScopes.includes(s));
  if (input.sub === undefined) {
    return {
      sub: `${input.clientId}@clients`,
      azp: input.clientId,
      gty: 'client-credentials',
      permissions: apiPermissions,
    };
  }
  const user = userBySub(input.sub);
  return {
    sub: input.sub,
    azp: input.clientId,
    // A seeded user's permissions come from their role; any other subject (a test's made-up
    // one) gets what it was granted.
    permissions: user && api ? permissionsOf(user, api) : apiPermissions,
    ...(user ? { [claims.email]: user.email, [claims.name]: user.name } : {}),
  };
}
