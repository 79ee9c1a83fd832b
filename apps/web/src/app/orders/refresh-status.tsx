'use client';

import { orderListSchema } from '@repo/api-contracts/orders';
import { useState } from 'react';
import styles from '@/components/ui.module.css';

/** A read-only token for orders-api from our own origin (never the session's broader token). */
async function browserToken(): Promise<string> {
  const res = await fetch('/api/browser-token/orders', {
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(res.status === 401 ? 'sign in again' : `no token (${res.status})`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * The browser-side call: a short-lived read-only token for the orders audience from
 * /api/browser-token/orders, then a CORS request straight to orders-api. The URL arrives as a
 * prop at request time, so one build runs in every environment (no NEXT_PUBLIC_* baked in).
 */
export function RefreshStatus({ apiUrl }: { readonly apiUrl: string }) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function refresh() {
    setBusy(true);
    try {
      const token = await browserToken();
      const response = await fetch(
        new URL('orders?limit=100', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`),
        {
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        },
      );
      if (!response.ok) throw new Error(`the orders API answered ${response.status}`);
      const list = orderListSchema.parse(await response.json());
      const pending = list.items.filter((o) => o.status === 'pending').length;
      setFailed(false);
      setMessage(
        `Checked with ${new URL(apiUrl).origin} from your browser: ${pending} pending, ` +
          `${list.items.length - pending} cancelled.`,
      );
    } catch (error) {
      setFailed(true);
      setMessage(`Could not refresh the status: ${(error as Error).message}.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <button type="button" className={styles.secondary} onClick={refresh} disabled={busy}>
        {busy ? 'Refreshing…' : 'Refresh status'}
      </button>
      <p role="status" aria-live="polite" className={failed ? styles.error : styles.muted}>
        {message}
      </p>
    </div>
  );
}
