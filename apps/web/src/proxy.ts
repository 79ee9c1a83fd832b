import { NextResponse, type NextRequest } from 'next/server';
import {
  auth0,
  defaultAudienceOf,
  registeredAudiences,
  tokenRefreshLeewaySeconds,
} from './lib/auth0';
import {
  authErrorPath,
  explainAuthError,
  loginStartFailed,
  sessionNotKept,
  sessionsUnavailable,
} from './lib/auth-errors';
import { signInReturnMarker } from './lib/return-to';
import { audiencesToRefresh, isRefreshCandidate } from './lib/refresh-plan';
import { issuerReachable } from './lib/issuer-probe';
import { isDevServer } from './lib/runtime.env';
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from './lib/security-headers';
import { webEnv } from './lib/web-env';
import { webLogger } from './lib/observability/logger';

/**
 * Every request except static files and health checks passes here:
 * 1. nextjs-auth0 mounts /auth/* and rolls the session;
 * 2. with SESSION_STORE_URL=cookie, on a signed-in page navigation, tokens near expiry are
 *    refreshed and saved to the cookie (server components cannot save them); with a session
 *    store the token broker does that on use, in the store;
 * 3. responses get a nonce-based Content-Security-Policy.
 */
/** When the last "session store unreachable" line was logged: one per 10 s, not one per request. */
let lastStoreError = 0;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = webEnv();
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    apiOrigins: Object.values(env.apis).map((t) => new URL(t.url).origin),
    dev: isDevServer(),
  });

  const { pathname } = request.nextUrl;
  const loginStart = pathname === '/auth/login';
  // One probe per login start (not per page): a down IdP gets a page that says so, instead of a
  // redirect to a dead host from the SDK's cached discovery.
  if (loginStart && !(await issuerReachable(env.auth0.issuer))) {
    const response = NextResponse.redirect(
      new URL(`${authErrorPath}?code=${loginStartFailed}`, request.url),
    );
    response.headers.set('Content-Security-Policy', csp);
    return response;
  }
  let authResponse: NextResponse;
  try {
    authResponse = await auth0().middleware(request);
  } catch (error) {
    // The session store is unreachable (Redis down): say so, with 503 and no redirect, so the
    // next request after Redis is back simply works.
    if (Date.now() - lastStoreError > 10_000) {
      lastStoreError = Date.now();
      webLogger().error(
        `${pathname}: could not read the session (${(error as Error).message}); answering 503 until the session store is back`,
      );
    }
    const response = sessionsUnavailablePage();
    response.headers.set('Content-Security-Policy', csp);
    response.headers.set('Cache-Control', 'no-store');
    return response;
  }

  let response: NextResponse;
  if (loginStart && authResponse.status >= 500) {
    // The SDK answers a bare 500 when it cannot reach the issuer's discovery document.
    response = NextResponse.redirect(
      new URL(`${authErrorPath}?code=${loginStartFailed}`, request.url),
    );
  } else if (
    authResponse.headers.get('x-middleware-next') === '1' &&
    request.nextUrl.searchParams.has(signInReturnMarker)
  ) {
    // Back from a sign-in. With the session there, drop the marker from the address; without it,
    // the cookie did not come back (blocked, Secure over http, a proxy dropping Set-Cookie):
    // explain, instead of sending the browser round the login again and again.
    const session = await auth0().getSession(request);
    const clean = request.nextUrl.clone();
    clean.searchParams.delete(signInReturnMarker);
    if (session) response = NextResponse.redirect(clean);
    else {
      webLogger().warn(
        `${pathname}: back from a sign-in without its session cookie; showing ${sessionNotKept} instead of looping`,
      );
      response = NextResponse.rewrite(
        new URL(`${authErrorPath}?code=${sessionNotKept}`, request.url),
      );
    }
  } else if (authResponse.headers.get('x-middleware-next') === '1') {
    // Not an auth route: the page renders. Refresh first, so that the request headers handed to
    // the render carry the refreshed session cookie (the SDK writes it to the request as well).
    // With a session store the token broker refreshes on use and saves to the store itself; only
    // the stateless cookie needs the proxy, the one place that can write cookies before a render.
    if (
      env.sessionStore.kind === 'cookie' &&
      isRefreshCandidate({ method: request.method, pathname, headers: request.headers })
    ) {
      await refreshNearExpiry(request, authResponse);
    }
    const headers = new Headers(request.headers);
    // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts.
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
    for (const cookie of authResponse.headers.getSetCookie())
      response.headers.append('set-cookie', cookie);
    const cacheControl = authResponse.headers.get('cache-control');
    if (cacheControl) response.headers.set('cache-control', cacheControl);
  } else {
    response = authResponse;
  }

  response.headers.set('Content-Security-Policy', csp);
  const hsts = strictTransportSecurity(env.appBaseUrl);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

/**
 * One audience at a time: the refresh token rotates, and two refreshes racing with the same
 * refresh token end in invalid_grant and a logout. Each refresh writes the cookie on `response`
 * and on the request, so the next one reads the rotated refresh token.
 */
async function refreshNearExpiry(request: NextRequest, response: NextResponse): Promise<void> {
  const client = auth0();
  const session = await client.getSession(request);
  if (!session) return;
  const env = webEnv();
  const due = audiencesToRefresh({
    session,
    audiences: registeredAudiences(env),
    defaultAudience: defaultAudienceOf(env),
    nowSeconds: Math.floor(Date.now() / 1000),
    leewaySeconds: tokenRefreshLeewaySeconds,
  });
  for (const audience of due) {
    try {
      await client.getAccessToken(request, response, { audience });
      webLogger().info(`proxy refreshed the token for ${audience}`);
    } catch (error) {
      // The page still renders; the card of that API says to sign in again.
      webLogger().warn(`could not refresh the token for ${audience}: ${(error as Error).message}`);
    }
  }
}

export const config = {
  // Not static files, images, or health checks (which answer without a session or an IdP).
  // healthz and readyz exactly: a path that merely starts with them still passes here.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|healthz$|readyz$).*)'],
};

/** A page of its own (the app's pages would need the session): what happened and what to do. */
function sessionsUnavailablePage(): NextResponse {
  const { title, likelyCause, fix } = explainAuthError(sessionsUnavailable, undefined);
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Acme Orders</title></head><body><main><h1>${escape(title)}</h1><p><strong>Likely cause:</strong> ${escape(likelyCause)}</p><p><strong>What to do:</strong> ${escape(fix)}</p><p><a href="/">Try again</a></p></main></body></html>`;
  return new NextResponse(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '5' },
  });
}
