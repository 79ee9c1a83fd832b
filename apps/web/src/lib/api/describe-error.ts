import { isApiError } from './api-error';

/** What a person should read when an API call fails: plain words, and what to do next. */
export function describeApiError(error: unknown, action: string): string {
  if (!isApiError(error)) return `Could not ${action}: something went wrong on our side.`;
  switch (error.kind) {
    case 'forbidden':
      return `You don't have permission to ${action}.`;
    case 'unauthorized':
      return `Your session has expired. Log in again to ${action}.`;
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
      return `Could not ${action}: the ${error.api} service is unavailable right now. Try again in a moment.`;
  }
}
