/**
 * Which audiences' access tokens the proxy must refresh before a page renders. Server components
 * cannot save a refreshed token, so a token that expires during a render would be refreshed on
 * every render; the proxy (which can write the cookie) refreshes it first.
 */

/** The parts of a nextjs-auth0 session this rule reads. */
export interface SessionTokens {
  readonly tokenSet: {
    readonly audience?: string;
    readonly expiresAt?: number;
    readonly refreshToken?: string;
  };
  readonly accessTokens?: readonly { readonly audience: string; readonly expiresAt: number }[];
}

export interface RefreshPlanInput {
  readonly session: SessionTokens;
  /** Every registered API audience, in the order to refresh them. */
  readonly audiences: readonly string[];
  /** The audience requested at login; its token lives in `session.tokenSet`. */
  readonly defaultAudience: string;
  readonly nowSeconds: number;
  /** Refresh this many seconds before expiry; the SDK's `tokenRefreshBuffer` uses the same. */
  readonly leewaySeconds: number;
}

/**
 * Audiences whose token is missing or expires within the leeway, in registry order. Empty when
 * the session has no refresh token: nothing can be refreshed, and the API call will say 401.
 */
export function audiencesToRefresh(input: RefreshPlanInput): string[] {
  const { session, audiences, defaultAudience, nowSeconds, leewaySeconds } = input;
  if (!session.tokenSet.refreshToken) return [];
  const deadline = nowSeconds + leewaySeconds;
  return audiences.filter((audience) => {
    const expiresAt = expiryOf(session, audience, defaultAudience);
    return expiresAt === undefined || expiresAt <= deadline;
  });
}

function expiryOf(
  session: SessionTokens,
  audience: string,
  defaultAudience: string,
): number | undefined {
  const top = session.tokenSet;
  if ((top.audience ?? defaultAudience) === audience) return top.expiresAt;
  // Several tokens for one audience (different scopes) can coexist; the latest one decides.
  const expiries = (session.accessTokens ?? [])
    .filter((t) => t.audience === audience)
    .map((t) => t.expiresAt);
  return expiries.length > 0 ? Math.max(...expiries) : undefined;
}

/**
 * Page navigations only: a GET that renders a page (a document load, or an RSC request from a
 * client-side navigation), not a prefetch, not an auth route, not a server action.
 */
export function isRefreshCandidate(request: {
  readonly method: string;
  readonly pathname: string;
  readonly headers: { get(name: string): string | null };
}): boolean {
  if (request.method !== 'GET') return false;
  if (request.pathname === '/auth' || request.pathname.startsWith('/auth/')) return false;
  if (request.headers.get('next-router-prefetch') !== null) return false;
  if (request.headers.get('purpose') === 'prefetch') return false;
  const dest = request.headers.get('sec-fetch-dest');
  const isRsc = request.headers.get('rsc') === '1';
  const acceptsHtml = (request.headers.get('accept') ?? '').includes('text/html');
  return isRsc || dest === 'document' || acceptsHtml;
}
