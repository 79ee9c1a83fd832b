import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import styles from '@/components/ui.module.css';
import { sessionForChrome } from '@/lib/session';
import './globals.css';

export const metadata: Metadata = {
  title: 'Acme Orders',
  description: 'Orders and profile, from two APIs protected by Auth0.',
};

export default async function RootLayout({ children }: { readonly children: ReactNode }) {
  // Every page renders per request: the CSP nonce is per response, and the env (read through the
  // session) exists only at run time, never during `next build`.
  await connection();
  const session = await sessionForChrome();
  const user = session?.user;
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader userName={user ? (user.name ?? user.email ?? user.sub) : undefined} />
        <main id="main" className={styles.main}>
          {children}
        </main>
      </body>
    </html>
  );
}
