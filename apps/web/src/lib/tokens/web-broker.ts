import { cookies } from 'next/headers';
import { auth0, defaultAudienceOf, tokenRefreshLeewaySeconds } from '../auth0';
import { sessionCookieName, sessionIdOf } from '../sessions/session-id';
import { sessionStoreOf } from '../sessions/store';
import { webEnv } from '../web-env';
import type { ApiErrorKind } from '../api/api-error';
import {
  createTokenBroker,
  SessionGoneError,
  UnexpectedTokenError,
  type TokenBroker,
  type TokenRequest,
} from './broker';
import { RefreshGrantError, refreshGrant, tokenEndpointOf } from './refresh-grant';
import { webLogger } from '../observability/logger';
import { webMetrics } from '../observability/metrics';

let broker: TokenBroker | undefined;

/** This process's token broker over the session store; undefined with SESSION_STORE_URL=cookie. */
export function tokenBroker(): TokenBroker | undefined {
  const env = webEnv();
  const store = sessionStoreOf(env);
  if (!store) return undefined;
  broker ??= createTokenBroker({
    store,
    loginAudience: defaultAudienceOf(env),
    leewaySeconds: tokenRefreshLeewaySeconds,
    refresh: async ({ refreshToken, audience, scope }) =>
      refreshGrant({
        tokenEndpoint: await tokenEndpointOf(env.auth0.issuer),
        clientId: env.auth0.clientId,
        clientSecret: env.auth0.clientSecret,
        refreshToken,
        audience,
        // The API's scopes, as the login asked for them; the user's permissions decide the rest.
        scope:
          scope ??
          Object.values(env.apis)
            .find((t) => t.audience === audience)
            ?.scopes.join(' '),
      }),
    onRefresh: (e) => {
      const metrics = webMetrics();
      metrics.tokenRefreshes.inc({ outcome: e.outcome });
      metrics.tokenRefreshDuration.observe({ outcome: e.outcome }, e.ms / 1000);
      webLogger().info(
        `token refresh audience=${e.audience}${e.scope ? ` scope="${e.scope}"` : ''} ${e.outcome} ${Math.round(e.ms)} ms`,
      );
    },
  });
  return broker;
}

/** The session id of the request being rendered (a page, a server action, a route handler). */
export async function currentSessionId(): Promise<string | undefined> {
  return sessionIdOf((await cookies()).get(sessionCookieName)?.value, webEnv().auth0.secret);
}

/**
 * An access token for the signed-in user of this request: from the broker with a session store,
 * from the SDK's cookie session otherwise (the proxy refreshes those before the render).
 */
export async function accessTokenFor(request: TokenRequest): Promise<string> {
  const tokens = tokenBroker();
  if (!tokens) return (await auth0().getAccessToken({ audience: request.audience })).token;
  const id = await currentSessionId();
  if (!id) throw new SessionGoneError('Not signed in.');
  return tokens.accessToken(id, request);
}

/** What a failure to get a token means for the page: an ended session, or a configuration error. */
export function tokenFailure(
  error: unknown,
  audience: string,
): { kind: ApiErrorKind; message: string } {
  if (error instanceof SessionGoneError) return { kind: 'session-ended', message: error.message };
  if (error instanceof UnexpectedTokenError)
    return { kind: 'misconfigured', message: error.message };
  if (error instanceof RefreshGrantError) {
    webLogger().warn(
      `the IdP refused a token for ${audience}: ${error.message} (pnpm auth:doctor)`,
    );
    return {
      kind: 'misconfigured',
      message: `the IdP refused a token for ${audience} (${error.code})`,
    };
  }
  // The SDK's cookie sessions: a refresh token that no longer works ends the session too.
  const code = (error as { code?: unknown }).code;
  if (code === 'failed_to_refresh_token' || code === 'missing_refresh_token')
    return { kind: 'session-ended', message: String(code) };
  return { kind: 'unauthorized', message: 'no access token for this API; sign in again' };
}
