import type { SessionData } from '@auth0/nextjs-auth0/types';
import { redirect } from 'next/navigation';
import { auth0 } from './auth0';
import { authErrorPath, sessionsUnavailable } from './auth-errors';

/**
 * The signed-in user's session, or a redirect to login that comes back to `returnTo`.
 * Protected pages call this first, so a signed-out visitor never renders them. When the session
 * store does not answer, the page says the sign-in service is unavailable (never a 500).
 */
export async function requireSession(returnTo: string): Promise<SessionData> {
  let session: SessionData | null;
  try {
    session = await auth0().getSession();
  } catch {
    redirect(`${authErrorPath}?code=${sessionsUnavailable}`);
  }
  if (!session) redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  return session;
}

/** The session for the page chrome (the header): none when it cannot be read right now. */
export async function sessionForChrome(): Promise<SessionData | null> {
  return auth0()
    .getSession()
    .catch(() => null);
}
