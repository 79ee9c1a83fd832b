import { Auth0Client } from '@auth0/nextjs-auth0/server';
import { apiEnvPrefix, webSessionDurations, type WebEnv } from '@repo/auth-config';
import { NextResponse } from 'next/server';
import { authErrorPath, authErrorQuery, type SignInRequest } from './auth-errors';
import { safeReturnTo, signInReturnMarker } from './return-to';
import { sessionStoreOf } from './sessions/store';
import { scopeMapFor } from './token-scopes';
import { webEnv } from './web-env';

/** Refresh a token this long before it expires: in the proxy and in `getAccessToken` alike. */
export const tokenRefreshLeewaySeconds = 60;

function loginApiOf(env: WebEnv) {
  const first = Object.values(env.apis)[0];
  if (!first) throw new Error('The registry defines no API: the web app has nothing to call.');
  return first;
}

/** The audience requested at login; the others come from the same (multi-resource) refresh token. */
export function defaultAudienceOf(env: WebEnv): string {
  return loginApiOf(env).audience;
}

/** What the login asks the IdP for, and which variable sets it: for the sign-in error page. */
export function signInRequest(env: WebEnv = webEnv()): SignInRequest {
  const api = loginApiOf(env);
  return {
    audience: api.audience,
    audienceVariable: `${apiEnvPrefix(api.name)}_API_AUDIENCE`,
    appBaseUrl: env.appBaseUrl,
  };
}

export function registeredAudiences(env: WebEnv): string[] {
  return Object.values(env.apis).map((t) => t.audience);
}

/** Builds the SDK client from a loaded env; pure apart from the SDK's own option checks. */
export function createAuth0Client(env: WebEnv): Auth0Client {
  const audience = defaultAudienceOf(env);
  const https = new URL(env.appBaseUrl).protocol === 'https:';
  return new Auth0Client({
    domain: env.auth0.domainUrl,
    clientId: env.auth0.clientId,
    clientSecret: env.auth0.clientSecret,
    secret: env.auth0.secret,
    appBaseUrl: env.appBaseUrl,
    authorizationParameters: {
      audience,
      scope: scopeMapFor(Object.values(env.apis), audience),
    },
    // The local IdP speaks plain http on localhost; a tenant never does.
    allowInsecureRequests: env.profile === 'local',
    tokenRefreshBuffer: tokenRefreshLeewaySeconds,
    // Sessions server-side (Redis, or the embedded store in dev): the cookie holds an encrypted
    // session id only, whatever the number of APIs. SESSION_STORE_URL=cookie keeps the SDK's
    // stateless cookie.
    sessionStore: sessionStoreOf(env),
    session: {
      rolling: true,
      absoluteDuration: webSessionDurations.absoluteSeconds,
      inactivityDuration: webSessionDurations.inactivitySeconds,
      cookie: { sameSite: 'lax', secure: https },
    },
    // No token for browser scripts from the SDK: it would hand out the session's broadest one.
    // The browser-side call gets a read-only token from /api/browser-token/<api> instead.
    enableAccessTokenEndpoint: false,
    // Auth0's /v2/logout with client_id and returnTo, no id_token_hint: the logout ends on the
    // app's home page even when the IdP no longer knows the session (a reset, an expired one),
    // where the OIDC endpoint would stop at "could not validate id_token_hint".
    logoutStrategy: 'v2',
    transactionCookie: { sameSite: 'lax', secure: https },
    // Turns every callback failure (denied consent, bad state, token exchange) into a page that
    // names the likely cause instead of the SDK's bare 500 text.
    async onCallback(error, ctx) {
      const base = env.appBaseUrl;
      if (error) {
        const query = authErrorQuery({ code: error.code, cause: causeCodeOf(error) });
        return NextResponse.redirect(new URL(`${authErrorPath}?${query}`, base));
      }
      // Never ctx.returnTo as is: the SDK's check lets `/.//evil.example` through. The marker
      // says "a sign-in just finished" in the URL, which no cookie problem can drop: the proxy
      // then tells a session that did not stick from one that never was (no redirect loop).
      const target = new URL(safeReturnTo(ctx.returnTo, base), base);
      target.searchParams.set(signInReturnMarker, '1');
      return NextResponse.redirect(target);
    },
  });
}

function causeCodeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

let client: Auth0Client | undefined;

/** The one SDK client, created on first use (never at import time: `next build` has no env). */
export function auth0(): Auth0Client {
  client ??= createAuth0Client(webEnv());
  return client;
}
