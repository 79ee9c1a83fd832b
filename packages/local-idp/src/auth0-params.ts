import {
  apiByAudience,
  apiNames,
  apis,
  localClientGrant,
  permissionsOf,
  resourceScopesOf,
  scopesOf,
  type ApiName,
  type LocalUser,
} from '@repo/auth-config';

/**
 * Auth0 speaks `audience`; oidc-provider speaks RFC 8707 `resource`. These pure functions turn
 * the parameters an Auth0 client sends into what oidc-provider understands, adding the Auth0
 * behaviours oidc-provider does not have (multi-resource refresh tokens, RBAC scope filtering,
 * default client-credentials scopes).
 */

const registeredAudiences = (): string[] => apiNames.map((name) => apis[name].audience);

function words(value: string | null): string[] {
  return (value ?? '').split(' ').filter(Boolean);
}

/**
 * /authorize. With `audience=X` the login is authorized for X and, as Auth0's MRRT policy does,
 * for every other registered API too (requested audience first: it is the one the code
 * exchange's access token is for). `offline_access` needs `prompt=consent` in oidc-provider or
 * it is silently dropped; consent is automatic for the first-party client, so we add it.
 */
export function rewriteAuthorizeParams(input: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(input);
  const audience = params.get('audience');
  params.delete('audience');
  if (audience && !params.has('resource')) {
    const others = registeredAudiences().filter((a) => a !== audience);
    for (const resource of [audience, ...others]) params.append('resource', resource);
    if (apiByAudience(audience)) {
      const scope = new Set(words(params.get('scope')));
      for (const other of others)
        for (const s of scopesOf(apiByAudience(other) as ApiName)) scope.add(s);
      params.set('scope', [...scope].join(' '));
    }
  }
  const prompt = words(params.get('prompt'));
  if (
    words(params.get('scope')).includes('offline_access') &&
    !prompt.includes('consent') &&
    !prompt.includes('none')
  ) {
    params.set('prompt', [...prompt, 'consent'].join(' '));
  }
  return params;
}

export type TokenRewrite =
  | { ok: true; params: URLSearchParams }
  | { ok: false; status: number; error: string; description: string };

export interface TokenRewriteContext {
  /** The client id of an `Authorization: Basic` header, when the client authenticates so. */
  basicClientId?: string | undefined;
  /** The user a refresh token belongs to, when it exists. */
  refreshTokenOwner(token: string): Promise<LocalUser | undefined>;
}

/** /oauth/token. */
export async function rewriteTokenParams(
  input: URLSearchParams,
  ctx: TokenRewriteContext,
): Promise<TokenRewrite> {
  const params = new URLSearchParams(input);
  const audience = params.get('audience');
  params.delete('audience');
  if (audience && !params.has('resource')) params.set('resource', audience);
  const resource = params.get('resource');
  const api = resource ? apiByAudience(resource) : undefined;

  switch (params.get('grant_type')) {
    case 'client_credentials': {
      if (!resource) {
        return {
          ok: false,
          status: 403,
          error: 'access_denied',
          description:
            'No audience parameter was provided, and no default audience has been configured',
        };
      }
      if (!api) return { ok: true, params }; // oidc-provider answers invalid_target
      // Auth0: a client gets tokens only for an API it has a client grant for. Here the grants
      // are the registry's `calls`: local-orders-api for profile, nothing else.
      const clientId = params.get('client_id') ?? ctx.basicClientId ?? '';
      const granted = localClientGrant(clientId, api);
      if (!granted) {
        return {
          ok: false,
          status: 403,
          error: 'access_denied',
          description: `Client is not authorized to access "${resource}". You need to create a "client-grant" associated to this API.`,
        };
      }
      const allowed: string[] = granted;
      const requested = words(params.get('scope'));
      const refused = requested.filter((s) => !allowed.includes(s));
      if (refused.length > 0) {
        return {
          ok: false,
          status: 403,
          error: 'access_denied',
          description: `Client has not been granted scopes: ${refused.join(' ')}`,
        };
      }
      // Auth0 grants every scope of the client grant when none is asked for.
      if (requested.length === 0) params.set('scope', allowed.join(' '));
      return { ok: true, params };
    }
    case 'refresh_token': {
      // With RBAC on, Auth0 drops the requested scopes a user has no permission for instead of
      // failing; oidc-provider would answer invalid_scope.
      const owner = await ctx.refreshTokenOwner(params.get('refresh_token') ?? '');
      if (owner && api && params.has('scope')) {
        const permitted = new Set<string>(permissionsOf(owner, api));
        // Service scopes included: a user asking for one gets it dropped, never granted.
        const apiScopes = new Set<string>(resourceScopesOf(api));
        params.set(
          'scope',
          words(params.get('scope'))
            .filter((s) => !apiScopes.has(s) || permitted.has(s))
            .join(' '),
        );
      }
      return { ok: true, params };
    }
    default:
      return { ok: true, params };
  }
}
