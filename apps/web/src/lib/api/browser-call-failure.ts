/**
 * Why a call from the browser straight to an API failed, in words a person can act on. Pure, so
 * the client component and its tests share it.
 */
export type BrowserCallFailure =
  /** Our own /api/browser-token answered an error (401: the session ended). */
  | { readonly kind: 'token'; readonly status: number }
  /**
   * fetch() rejected: the browser hides whether CORS refused the origin or nothing answered, so
   * the text names both.
   */
  | { readonly kind: 'network' }
  /** The API answered, with an error status. */
  | { readonly kind: 'status'; readonly status: number };

export interface BrowserCallContext {
  readonly serviceName: string;
  readonly apiOrigin: string;
  readonly pageOrigin: string;
  /** Outside production: name the variable to check and `pnpm auth:doctor`. */
  readonly hints: boolean;
}

export function describeBrowserCallFailure(
  failure: BrowserCallFailure,
  context: BrowserCallContext,
): string {
  const { serviceName, apiOrigin, pageOrigin, hints } = context;
  switch (failure.kind) {
    case 'token':
      return failure.status === 401
        ? 'Could not refresh the status: your session has ended. Log in again.'
        : `Could not refresh the status: this site could not issue a browser token (${failure.status}).`;
    case 'network':
      return (
        `Could not refresh the status: ${serviceName} (${apiOrigin}) refused this site’s origin ` +
        `(${pageOrigin}) or could not be reached.` +
        (hints
          ? ` If it is running, add ${pageOrigin} to CORS_ALLOWED_ORIGINS on ${serviceName}; ` +
            '`pnpm auth:doctor` checks both.'
          : ' Try again in a moment.')
      );
    case 'status':
      return `Could not refresh the status: ${serviceName} answered ${failure.status}.`;
  }
}
