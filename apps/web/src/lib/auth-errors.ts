/**
 * Auth failures as a person can act on them: what probably went wrong and what to do. The codes
 * are nextjs-auth0's SdkError codes and OAuth error codes (RFC 6749 section 4.1.2.1).
 */
export const authErrorPath = '/auth-error';

/** The proxy's own code for a login that could not start (the SDK answers a bare 500). */
export const loginStartFailed = 'login_start_failed';

/** The proxy's code for a sign-in that came back without its session cookie. */
export const sessionNotKept = 'session_not_kept';

/** The proxy's code for a session store that does not answer (Redis down). */
export const sessionsUnavailable = 'sessions_unavailable';

export interface AuthErrorExplanation {
  readonly title: string;
  readonly likelyCause: string;
  readonly fix: string;
}

const doctorHint = 'Run `pnpm auth:doctor` to check the configuration.';

export function authErrorQuery(input: { code?: string; cause?: string }): string {
  const params = new URLSearchParams();
  if (input.code) params.set('code', input.code);
  if (input.cause) params.set('cause', input.cause);
  return params.toString();
}

/** Codes arrive in a URL anyone can edit: only known ones select a text, nothing is echoed raw. */
export function explainAuthError(
  code: string | undefined,
  cause: string | undefined,
): AuthErrorExplanation {
  if (cause === 'access_denied' || code === 'access_denied') {
    return {
      title: 'Sign-in was cancelled',
      likelyCause: 'The consent screen was declined, or the account may not use this application.',
      fix: 'Try signing in again and accept the requested permissions.',
    };
  }
  switch (code) {
    case sessionNotKept:
      return {
        title: 'You signed in, but the session did not stick',
        likelyCause:
          'The browser did not send the session cookie back. Usually: cookies are blocked for this site; ' +
          'the app is opened over http while APP_BASE_URL says https (the cookie is then Secure and the browser keeps it from http); ' +
          'the address in the browser is not APP_BASE_URL; a proxy in front of the app drops Set-Cookie; ' +
          'or web replicas use different AUTH0_SECRET values.',
        fix: `Open the app at exactly its APP_BASE_URL, allow cookies for it, and check the proxy passes Set-Cookie. ${doctorHint}`,
      };
    case sessionsUnavailable:
      return {
        title: 'The sign-in service is unavailable',
        likelyCause:
          'The web app cannot reach its session store (SESSION_STORE_URL), so it cannot tell who you are right now.',
        fix: 'Try again in a moment; nothing was lost. If it lasts, check the session store (Redis) and `pnpm auth:doctor`.',
      };
    case loginStartFailed:
    case 'discovery_error':
      return {
        title: 'The sign-in service could not be reached',
        likelyCause:
          'The identity provider (AUTH0_DOMAIN) is not running or not reachable from the web server. ' +
          'Locally, the local IdP may not have started yet.',
        fix: `Start everything with \`pnpm dev\`, or check AUTH0_DOMAIN. ${doctorHint}`,
      };
    case 'missing_state':
    case 'invalid_state':
      return {
        title: 'The sign-in attempt expired',
        likelyCause:
          'The sign-in was started in another tab, took too long, or the cookie was blocked. ' +
          'A mismatch between APP_BASE_URL and the address in the browser also causes this.',
        fix: `Open the app at its APP_BASE_URL and sign in again. ${doctorHint}`,
      };
    case 'authorization_error':
      return {
        title: 'The identity provider refused the sign-in',
        likelyCause:
          'Often an unregistered callback URL, an API audience the application may not request, or a denied consent.',
        fix: `Check that APP_BASE_URL + /auth/callback is an allowed callback URL. ${doctorHint}`,
      };
    case 'authorization_code_grant_error':
    case 'authorization_code_grant_request_error':
      return {
        title: 'The sign-in could not be completed',
        likelyCause:
          'The code exchange failed: usually a wrong AUTH0_CLIENT_SECRET, or the clocks of this server and the identity provider differ.',
        fix: `Check AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and the server clock. ${doctorHint}`,
      };
    default:
      return {
        title: 'Sign-in failed',
        likelyCause:
          'Most sign-in failures come from configuration: env variables, callback URLs or audiences.',
        fix: doctorHint,
      };
  }
}
