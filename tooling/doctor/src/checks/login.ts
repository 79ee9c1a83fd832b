import type { WebEnv } from '@repo/auth-config';
import { webApp } from '../apps';
import { bodySummary, get, type Fetched, type HttpDeps } from '../http';
import { fail, pass, skip, type CheckResult } from '../result';
import { callbackPath } from './redirects';

/** nextjs-auth0 v4's route that starts a sign-in. */
export const loginPath = '/auth/login';

/** The file that hands /auth/* to nextjs-auth0 in Next.js 16 (middleware.ts before 16). */
const proxyFile = `${webApp.folder}/src/proxy.ts`;
const proxyNamed = `${proxyFile} (Next.js 16's proxy; middleware.ts is the pre-16 name)`;

/** The SDK's transaction cookie (`__txn_<state>`): it must come back to /auth/callback. */
const transactionCookiePrefix = '__txn_';

/** One GET of `<APP_BASE_URL>/auth/login`, as a browser's first step; both rows read it. */
export function probeLogin(
  web: WebEnv | undefined,
  deps: HttpDeps & { now: () => number },
): Promise<Fetched> | undefined {
  return web ? get(deps, `${web.appBaseUrl}${loginPath}`) : undefined;
}

/** Where /auth/login went: the IdP's authorize endpoint (fine), web itself, elsewhere, nowhere. */
type Outcome =
  | { kind: 'down'; error: string }
  | { kind: 'authorize' | 'redirect'; status: number; location: URL; setCookies: string[] }
  | { kind: 'answer'; status: number; said: string };

async function outcomeOf(fetched: Fetched, url: string, authorize: URL): Promise<Outcome> {
  if (!fetched.ok) return { kind: 'down', error: fetched.error };
  const { response } = fetched;
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    await response.body?.cancel();
    const target = new URL(location, url);
    const same = target.origin === authorize.origin && target.pathname === authorize.pathname;
    return {
      kind: same ? 'authorize' : 'redirect',
      status: response.status,
      location: target,
      setCookies: response.headers.getSetCookie(),
    };
  }
  return { kind: 'answer', status: response.status, said: await bodySummary(response) };
}

/**
 * Check 7: web mounts the auth routes. GET /auth/login must redirect to the issuer's
 * authorize endpoint (discovery names it; `<issuer>authorize` when discovery did not answer),
 * with redirect_uri `<APP_BASE_URL>/auth/callback`. Then the transaction cookie it set must be
 * Secure exactly when APP_BASE_URL is https: web decides that from its own APP_BASE_URL, so a
 * mismatch means the running web was started with another address than the one users open.
 */
export async function checkLogin(
  web: WebEnv | undefined,
  fetched: Fetched | undefined,
  authorizationEndpoint: string | undefined,
): Promise<{ route: CheckResult; cookie: CheckResult }> {
  const subject = `web ${loginPath}`;
  const cookieSubject = 'web transaction cookie';
  if (!web || !fetched) {
    const why = 'needs a valid web env (see the env rows above)';
    return { route: skip('routes', subject, why), cookie: skip('sessions', cookieSubject, why) };
  }
  const url = `${web.appBaseUrl}${loginPath}`;
  const authorize = new URL(authorizationEndpoint ?? new URL('authorize', web.auth0.issuer).href);
  const endpoint = `${authorize.origin}${authorize.pathname}`;
  const outcome = await outcomeOf(fetched, url, authorize);
  const needsLogin = skip(
    'sessions',
    cookieSubject,
    `needs ${loginPath} to start a sign-in (see the web ${loginPath} row)`,
  );

  switch (outcome.kind) {
    case 'down':
      return {
        route: skip(
          'routes',
          subject,
          outcome.error.startsWith('no answer')
            ? `web did not answer ${url} in time (${outcome.error}): \`next dev\` compiles a route on its first request; rerun, or raise --timeout`
            : `web is not running at ${web.appBaseUrl} (${outcome.error}); start it to check that it mounts /auth/*`,
        ),
        cookie: skip('sessions', cookieSubject, 'web is not answering'),
      };
    case 'answer':
      return {
        route: fail(
          'routes',
          subject,
          `${url} answered ${outcome.status}${outcome.said ? ` (${outcome.said})` : ''}: ${outcome.status === 404 ? 'web does not mount the auth routes' : `not a redirect to the IdP's ${endpoint}`}`,
          outcome.status === 404
            ? `nextjs-auth0 v4 mounts /auth/* from ${proxyNamed}: it must exist, call auth0.middleware(request), and its matcher must let /auth/ through`
            : `see web's log for the ${outcome.status}: /auth/login is answered by auth0.middleware() in ${proxyNamed}`,
        ),
        cookie: needsLogin,
      };
    case 'redirect': {
      const { location, setCookies } = outcome;
      const own = location.origin === new URL(web.appBaseUrl).origin;
      // A sign-in sent to another IdP still set the transaction cookie: that can be checked.
      const started = setCookies.some((c) => c.startsWith(transactionCookiePrefix));
      return {
        route: fail(
          'routes',
          subject,
          `redirects to ${location.origin}${location.pathname}, not to the IdP's authorize endpoint ${endpoint}`,
          own
            ? `open ${location.href} for web's reason (it cannot start a sign-in while it cannot reach the IdP: see the issuer rows); /auth/login is answered by auth0.middleware() in ${proxyNamed}`
            : `the running web trusts another IdP than AUTH0_DOMAIN here says: restart it after changing ${webApp.folder}/.env.local (the sign-in starts in ${proxyNamed})`,
        ),
        cookie: started ? transactionCookie(web, setCookies) : needsLogin,
      };
    }
    case 'authorize':
      break;
  }

  const expected = `${web.appBaseUrl}${callbackPath}`;
  const sent = outcome.location.searchParams.get('redirect_uri');
  const route =
    sent !== null && sent !== expected
      ? fail(
          'routes',
          subject,
          `redirects to the IdP with redirect_uri ${sent}, but APP_BASE_URL here makes it ${expected}: the running web was started with another APP_BASE_URL`,
          `restart web after changing ${webApp.folder}/.env.local (it reads APP_BASE_URL at start), with APP_BASE_URL set to the address users open`,
        )
      : pass(
          'routes',
          subject,
          `redirects (${outcome.status}) to the IdP's authorize endpoint ${endpoint}`,
        );
  return { route, cookie: transactionCookie(web, outcome.setCookies) };
}

function transactionCookie(web: WebEnv, setCookies: readonly string[]): CheckResult {
  const subject = 'web transaction cookie';
  const cookie = setCookies.find((c) => c.startsWith(transactionCookiePrefix));
  if (cookie === undefined) {
    return fail(
      'sessions',
      subject,
      `web started a sign-in without a ${transactionCookiePrefix}… cookie: /auth/callback will refuse the state`,
      `see transactionCookie in ${webApp.folder}/src/lib/auth0.ts: nextjs-auth0 sets it on /auth/login`,
    );
  }
  const secure = cookie
    .split(';')
    .slice(1)
    .some((attribute) => attribute.trim().toLowerCase() === 'secure');
  const https = web.appBaseUrl.startsWith('https:');
  const name = `${transactionCookiePrefix}…`;
  if (secure === https) {
    return pass(
      'sessions',
      subject,
      `${name} is ${secure ? 'Secure' : 'not Secure'}, as ${https ? 'an https' : 'an http'} APP_BASE_URL wants`,
    );
  }
  const didNotStick =
    'the callback never sees it: the sign-in ends with "the session did not stick"';
  return secure
    ? fail(
        'sessions',
        subject,
        `web set ${name} Secure, so it runs with an https APP_BASE_URL, but here APP_BASE_URL is ${web.appBaseUrl}: a browser on plain http may refuse it, and then ${didNotStick}`,
        `run web with the APP_BASE_URL users open (restart it after changing ${webApp.folder}/.env.local), or open web at its https address`,
      )
    : fail(
        'sessions',
        subject,
        `web set ${name} without Secure, so it runs with an http APP_BASE_URL, but here APP_BASE_URL is ${web.appBaseUrl}: its redirects name another address than users open, ${didNotStick}`,
        `restart web with APP_BASE_URL=${web.appBaseUrl} (the address users open) in ${webApp.folder}/.env.local`,
      );
}
