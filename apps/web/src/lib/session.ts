import type { SessionData } from '@auth0/nextjs-auth0/types';
import { redirect } from 'next/navigation';
import { auth0 } from './auth0';

/**
 * The signed-in user's session, or a redirect to login that comes back to `returnTo`.
 * Protected pages call this first, so a signed-out visitor never renders them.
 */
export async function requireSession(returnTo: string): Promise<SessionData> {
  const session = await auth0().getSession();
  if (!session) redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  return session;
}
