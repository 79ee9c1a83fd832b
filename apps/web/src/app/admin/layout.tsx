import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isOrdersAdmin } from '@/lib/admin';
import { requireSession } from '@/lib/session';

/**
 * The guard of every admin page, on the server: signed out goes to login; signed in without the
 * orders admin scope is the not-found page (a 404 that does not confirm the page exists), never
 * a hidden link. It runs in the layout, outside the pages' loading boundary, so the 404 is the
 * response's status. orders-api checks the scope again on every call.
 */
export default async function AdminLayout({ children }: { readonly children: ReactNode }) {
  await requireSession('/admin/orders');
  if (!(await isOrdersAdmin())) notFound();
  return children;
}
