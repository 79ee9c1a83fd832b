import { webEnv } from '../web-env';
import { isApiError } from './api-error';

/**
 * Outside production the page names the likely cause and the command that checks it; so does a
 * production build on the local IdP (USE_LOCAL_IDP=true), which only ever runs on a developer's
 * machine or in this repo's tests.
 */
export function troubleshootingHints(): boolean {
  const env = webEnv();
  return !env.production || env.profile === 'local';
}

/**
 * What a person should read when an API call fails: plain words, and what to do next. Only an
 * ended session asks to sign in again; a configuration error says so (and, outside production,
 * what the API said and `pnpm auth:doctor`), because signing in again would not change it.
 */
export function describeApiError(
  error: unknown,
  action: string,
  hints = troubleshootingHints(),
): string {
  if (!isApiError(error)) return `Could not ${action}: something went wrong on our side.`;
  const service = `${error.api} service`;
  switch (error.kind) {
    case 'forbidden':
      return `You don't have permission to ${action}.`;
    case 'session-ended':
    case 'unauthorized':
      return `Your session has ended. Log in again to ${action}.`;
    case 'misconfigured':
      return hints
        ? `Could not ${action}: the ${service} does not accept this app's sign-in (a configuration error, not your session): ${error.message}. Run \`pnpm auth:doctor\`.`
        : `Could not ${action}: the ${service} is misconfigured. Signing in again will not help; the team has been told in the log.`;
    case 'not-found':
      return `Could not ${action}: it no longer exists.`;
    case 'conflict':
    case 'unprocessable':
    case 'bad-request':
      return `Could not ${action}: ${error.problem?.detail ?? error.message}`;
    case 'timeout':
    case 'unreachable':
    case 'server':
    case 'invalid-response':
      return `Could not ${action}: the ${service} is unavailable right now. Try again in a moment.`;
  }
}

/** Whether the failure asks the user to sign in again (the card then offers the link). */
export function needsNewLogin(error: unknown): boolean {
  return isApiError(error) && (error.kind === 'session-ended' || error.kind === 'unauthorized');
}
