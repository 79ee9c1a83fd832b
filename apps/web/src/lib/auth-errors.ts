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

/** What the app asked for at sign-in, from its own env (never from the URL). */
export interface SignInRequest {
  /** The API audience requested at login. */
  readonly audience: string;
  /** The web env variable that sets it, e.g. ORDERS_API_AUDIENCE. */
  readonly audienceVariable: string;
  /** APP_BASE_URL: the one address the sign-in works at. */
  readonly appBaseUrl: string;
}

/**
 * The OAuth error the IdP returned (`cause`) says more than the SDK's wrapper code: an
 * `invalid_target` is an audience problem, not a callback URL problem.
 */
function explainCause(
  cause: string | undefined,
  request: SignInRequest | undefined,
): AuthErrorExplanation | undefined {
  switch (cause) {
    case 'access_denied':
      return {
        title: 'Sign-in was cancelled',
        likelyCause:
          'The consent screen was declined, or the account may not use this application.',
        fix: 'Try signing in again and accept the requested permissions.',
      };
    case 'invalid_target': {
      const asked = request
        ? `the audience ${request.audience} (${request.audienceVariable} in the web app's env)`
        : 'an API audience';
      return {
        title: 'The identity provider does not know the API this app asked for',
        likelyCause:
          `The app asked for ${asked}, and the tenant has no API with that identifier ` +
          'or the application may not request it.',
        fix:
          'Set the audience to the API identifier registered in the tenant (the registry default ' +
          `unless you changed it), on the web app and on the API alike. ${doctorHint}`,
      };
    }
    case 'invalid_scope':
      return {
        title: 'The identity provider refused the requested permissions',
        likelyCause:
          'The app asked for a scope the API does not define (the registry and the tenant disagree).',
        fix: `Apply the tenant configuration (infra/auth0) generated from the registry. ${doctorHint}`,
      };
    case 'unauthorized_client':
      return {
        title: 'This application may not sign in this way',
        likelyCause:
          'The application is not allowed the authorization code grant, or AUTH0_CLIENT_ID names another application.',
        fix: `Check AUTH0_CLIENT_ID and the application's grant types in the tenant. ${doctorHint}`,
      };
    case 'login_required':
    case 'consent_required':
    case 'interaction_required':
      return {
        title: 'The identity provider needs you to sign in again',
        likelyCause:
          'A silent sign-in was not possible: the session at the identity provider ended.',
        fix: 'Use “Try again” to sign in with your credentials.',
      };
    case 'temporarily_unavailable':
    case 'server_error':
      return {
        title: 'The identity provider had a problem',
        likelyCause:
          'The identity provider failed to answer the sign-in; nothing is wrong with your account.',
        fix: 'Try again in a moment.',
      };
    default:
      return undefined;
  }
}

/** Codes arrive in a URL anyone can edit: only known ones select a text, nothing is echoed raw. */
export function explainAuthError(
  code: string | undefined,
  cause: string | undefined,
  request?: SignInRequest,
): AuthErrorExplanation {
  const byCause = explainCause(cause ?? (code === 'access_denied' ? code : undefined), request);
  if (byCause) return byCause;
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
        title: 'The sign-in could not be matched to this browser',
        likelyCause:
          'The browser did not send back the cookie set when the sign-in started. Usually: the app was ' +
          'opened at another address than APP_BASE_URL, or over http while APP_BASE_URL is https (the ' +
          'cookie is then Secure, and the browser keeps it from http); cookies are blocked; or the ' +
          'sign-in was started in another tab or took too long.',
        fix: `Open the app at exactly ${request ? request.appBaseUrl : 'its APP_BASE_URL'} and sign in again. ${doctorHint}`,
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
