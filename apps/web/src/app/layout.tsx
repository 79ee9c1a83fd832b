import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import styles from '@/components/ui.module.css';
import { isOrdersAdmin } from '@/lib/admin';
import { sessionForChrome } from '@/lib/session';
import './globals.css';

// The icon is app/icon.svg (Next adds its <link>): without one every page logged a 404.
export const metadata: Metadata = {
  title: 'Acme Orders',
  applicationName: 'Acme Orders',
  description: 'Place and follow your orders, and keep your profile up to date.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#3346d3',
  colorScheme: 'light',
};

const noScriptStyles = `[data-skeleton]{display:none!important}div[hidden][id^="S:"]{display:block!important;max-width:64rem;margin:0 auto 2rem;padding:0 1.5rem}`;

export default async function RootLayout({ children }: { readonly children: ReactNode }) {
  // Every page renders per request: the CSP nonce is per response, and the env (read through the
  // session) exists only at run time, never during `next build`.
  await connection();
  const session = await sessionForChrome();
  const user = session?.user;
  const admin = user ? await isOrdersAdmin() : false;
  return (
    <html lang="en">
      <body>
        {/* Without JavaScript, React's streamed page (after a loading.tsx skeleton) stays in a
            hidden div at the end of the body, swapped in by a script that does not run: show it,
            and drop the skeleton, so every page and every paging link works without JS. */}
        <noscript>
          <style>{noScriptStyles}</style>
        </noscript>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader
          userName={user ? (user.name ?? user.email ?? user.sub) : undefined}
          admin={admin}
        />
        <main id="main" className={styles.main}>
          {children}
        </main>
      </body>
    </html>
  );
}
