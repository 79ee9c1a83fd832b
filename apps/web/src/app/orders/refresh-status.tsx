'use client';

import { getAccessToken } from '@auth0/nextjs-auth0';
import { orderListSchema } from '@repo/api-contracts/orders';
import { useState } from 'react';
import styles from '@/components/ui.module.css';

/**
 * The browser-side call: a short-lived token for the orders audience from /auth/access-token,
 * then a CORS request straight to orders-api. The URL and audience arrive as props at request
 * time, so one build runs in every environment (no NEXT_PUBLIC_* baked in).
 */
export function RefreshStatus({
  apiUrl,
  audience,
}: {
  readonly apiUrl: string;
  readonly audience: string;
}) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function refresh() {
    setBusy(true);
    try {
      const token = await getAccessToken({ audience });
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
