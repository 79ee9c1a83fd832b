/** What the token endpoint answered to a refresh_token grant. */
export interface RefreshedTokens {
  readonly accessToken: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  readonly scope: string | undefined;
  /** Present when the IdP rotates refresh tokens (Auth0 with rotation, the local IdP). */
  readonly refreshToken: string | undefined;
}

/** The IdP refused the grant: `invalid_grant` means the session's refresh token is dead. */
export class RefreshGrantError extends Error {
  override readonly name = 'RefreshGrantError';
  constructor(
    readonly code: string,
    description: string,
  ) {
    super(
      `the token endpoint refused the refresh: ${code}${description ? ` (${description})` : ''}`,
    );
  }
}

export interface RefreshGrantInput {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly audience: string;
  /** Space-separated; Auth0 returns at most these (and the user's permissions decide). */
  readonly scope: string | undefined;
  readonly fetchImpl?: typeof fetch;
  readonly timeoutMs?: number;
  readonly nowSeconds?: () => number;
}

/**
 * One refresh_token grant for one audience (Auth0's multi-resource refresh tokens: the same
 * refresh token gets a token for any API the application may call). `client_secret_post`, as
 * nextjs-auth0 does.
 */
export async function refreshGrant(input: RefreshGrantInput): Promise<RefreshedTokens> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    refresh_token: input.refreshToken,
    audience: input.audience,
  });
  if (input.scope) body.set('scope', input.scope);
  const res = await (input.fetchImpl ?? fetch)(input.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    cache: 'no-store',
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof json.access_token !== 'string') {
    throw new RefreshGrantError(
      typeof json.error === 'string' ? json.error : `http_${res.status}`,
      typeof json.error_description === 'string' ? json.error_description : '',
    );
  }
  const now = input.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  return {
    accessToken: json.access_token,
    expiresAt: now + (typeof json.expires_in === 'number' ? json.expires_in : 0),
    scope: typeof json.scope === 'string' ? json.scope : undefined,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
  };
}

const endpoints = new Map<string, Promise<string>>();

/** The issuer's token endpoint, from its discovery document, fetched once per process. */
export function tokenEndpointOf(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let endpoint = endpoints.get(issuer);
  if (!endpoint) {
    endpoint = (async () => {
      const res = await fetchImpl(new URL('.well-known/openid-configuration', issuer), {
        signal: AbortSignal.timeout(5_000),
      });
      const doc = (await res.json()) as { token_endpoint?: unknown };
      if (typeof doc.token_endpoint !== 'string')
        throw new Error(`${issuer} publishes no token_endpoint`);
      return doc.token_endpoint;
    })();
    endpoint.catch(() => endpoints.delete(issuer));
    endpoints.set(issuer, endpoint);
  }
  return endpoint;
}
