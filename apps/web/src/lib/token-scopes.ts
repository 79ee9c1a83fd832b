import type { WebApiTarget } from '@repo/auth-config';

/** What the login itself asks for, on top of the default audience's API scopes. */
export const identityScopes = ['openid', 'profile', 'email', 'offline_access'] as const;

/**
 * nextjs-auth0's multi-resource refresh token (MRRT) scope map: `{ [audience]: "scopes" }`.
 * The default audience (the one requested at login) also carries the identity scopes, because
 * the SDK refuses a login scope without `openid` and the refresh token needs `offline_access`.
 * Every other audience's token comes later from the same refresh token, with only its API scopes.
 */
export function scopeMapFor(
  targets: readonly WebApiTarget[],
  defaultAudience: string,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const target of targets) {
    const identity = target.audience === defaultAudience ? identityScopes : [];
    map[target.audience] = [...identity, ...target.scopes].join(' ');
  }
  if (!(defaultAudience in map)) map[defaultAudience] = identityScopes.join(' ');
  return map;
}
