import type { ReactNode } from 'react';
import { requireSession } from '@/lib/session';

/**
 * Signed out goes to login from here, outside this segment's loading.tsx: a redirect thrown
 * inside the streamed page would be a 200 with a client-side redirect, not a 307.
 */
export default async function ProfileLayout({ children }: { readonly children: ReactNode }) {
  await requireSession('/profile');
  return children;
}
