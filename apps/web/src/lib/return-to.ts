/** Set on the page a finished sign-in returns to (see the proxy's loop guard). */
export const signInReturnMarker = 'signed_in';

/** Where a sign-in lands when it names no page, or an unacceptable one. */
export const defaultReturnTo = '/dashboard';

/**
 * The page a finished sign-in may go to: `returnTo` resolved against the app's own URL, accepted
 * only when the result is on the app's own origin and its path does not start with `//` (which a
 * browser, or the next redirect, reads as another host). The SDK's own check lets `/.//evil.example`,
 * `/%2e//evil.example` and `http://localhost:3000//evil.example` through; the URL parser resolves
 * each to a path `//evil.example`, so they, `//x`, `/\x`, `https:x` and any tab or newline trick
 * end on `/dashboard` instead. Returns a path with its query and fragment.
 */
export function safeReturnTo(returnTo: string | undefined | null, appBaseUrl: string): string {
  if (!returnTo) return defaultReturnTo;
  let target: URL;
  try {
    target = new URL(returnTo, appBaseUrl);
  } catch {
    return defaultReturnTo;
  }
  if (target.origin !== new URL(appBaseUrl).origin) return defaultReturnTo;
  if (target.pathname.startsWith('//') || target.pathname.includes('\\')) return defaultReturnTo;
  return `${target.pathname}${target.search}${target.hash}`;
}
