import { localWebClient, webBackchannelLogoutPath, type WebEnv } from '@repo/auth-config';
import { webApp } from '../apps';
import { bodySummary, get, type Fetched, type HttpDeps } from '../http';
import { fail, info, pass, skip, type CheckResult } from '../result';

/** nextjs-auth0 v4's callback route: it sends `${APP_BASE_URL}/auth/callback` as redirect_uri. */
export const callbackPath = '/auth/callback';

export function redirectUrls(web: WebEnv): {
  callback: string;
  logout: string;
  backchannelLogout: string;
} {
  // APP_BASE_URL is stored without a trailing slash; nextjs-auth0 sends returnTo exactly so.
  return {
    callback: `${web.appBaseUrl}${callbackPath}`,
    logout: web.appBaseUrl,
    backchannelLogout: `${web.appBaseUrl}${webBackchannelLogoutPath}`,
  };
}

// RFC 7636's example challenge: the IdP requires PKCE, and nothing is ever exchanged here.
const pkce = {
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuKQ2_xmxgY',
  code_challenge_method: 'S256',
};

/**
 * Check 4. With the local IdP we ask the running IdP itself, the way the browser will: an
 * /authorize with our redirect_uri (prompt=none, so no login page and no interaction is
 * created) and a /v2/logout with our returnTo. It redirects what it accepts and answers 400 to
 * what it refuses. A tenant cannot be asked without management credentials, so there we print
 * exactly what to paste into the dashboard.
 */
export async function checkRedirects(
  web: WebEnv | undefined,
  deps: HttpDeps & { now: () => number },
): Promise<CheckResult[]> {
  if (!web)
    return [
      skip(
        'redirects',
        'callback and logout URLs',
        'needs a valid web env (see the env rows above)',
      ),
    ];
  const { callback, logout, backchannelLogout } = redirectUrls(web);
  if (web.profile === 'auth0') {
    return [
      info(
        'redirects',
        'Allowed Callback URLs',
        `register ${callback} in your Auth0 application (v4's path; v3's /api/auth/callback is refused)`,
      ),
      info('redirects', 'Allowed Logout URLs', `register ${logout} in your Auth0 application`),
      info(
        'redirects',
        'Back-Channel Logout URI',
        `register ${backchannelLogout} in your Auth0 application (OpenID Connect Back-Channel Logout)`,
      ),
    ];
  }
  const authorize = new URL('authorize', web.auth0.issuer);
  authorize.search = new URLSearchParams({
    client_id: web.auth0.clientId,
    response_type: 'code',
    scope: 'openid',
    prompt: 'none',
    redirect_uri: callback,
    state: 'doctor',
    ...pkce,
  }).toString();
  const logoutUrl = new URL('v2/logout', web.auth0.issuer);
  logoutUrl.search = new URLSearchParams({
    client_id: web.auth0.clientId,
    returnTo: logout,
  }).toString();

  const localhost = new URL(web.appBaseUrl);
  localhost.hostname = 'localhost';
  localhost.protocol = 'http:';
  const fix =
    web.auth0.clientId === localWebClient.clientId
      ? `the local IdP accepts localhost and the origins in LOCAL_IDP_WEB_ORIGINS: set APP_BASE_URL=${localhost.origin} in ${webApp.folder}, or add ${new URL(web.appBaseUrl).origin} to LOCAL_IDP_WEB_ORIGINS`
      : `unset AUTH0_CLIENT_ID in ${webApp.folder}: the local IdP knows only the client "${localWebClient.clientId}"`;

  // /v2/logout passes what it accepts on to the IdP's own end-session endpoint: follow that hop.
  const idp = new URL(web.auth0.issuer).origin;
  const [login, out] = await Promise.all([
    get(deps, authorize.href),
    get(deps, logoutUrl.href, { followWithin: idp }),
  ]);
  return [
    await verdict(login, 'callback URL', `redirect_uri ${callback}`, 'login', fix),
    await verdict(out, 'logout URL', `returnTo ${logout}`, 'logout', fix),
  ];
}

/**
 * Accepted: the IdP sends the browser on (back to the app, or to its own end-session form).
 * Refused: it answers 4xx with its error page, which says why.
 */
async function verdict(
  fetched: Fetched,
  subject: string,
  what: string,
  flow: 'login' | 'logout',
  fix: string,
): Promise<CheckResult> {
  if (!fetched.ok) {
    return skip(
      'redirects',
      subject,
      `the local IdP is not answering (${fetched.error}); start it to check ${what}`,
    );
  }
  const { response } = fetched;
  if (response.status < 400) {
    await response.body?.cancel();
    return pass('redirects', subject, `the local IdP accepts ${what}`);
  }
  const said = await bodySummary(response);
  return fail(
    'redirects',
    subject,
    `the local IdP refuses ${what} (${response.status}${said ? `: ${said}` : ''}): ${flow} ends on its error page`,
    fix,
  );
}
