'use client';

import { orderListSchema } from '@repo/api-contracts/orders';
import { useState } from 'react';
import styles from '@/components/ui.module.css';
import {
  describeBrowserCallFailure,
  type BrowserCallFailure,
} from '@/lib/api/browser-call-failure';

class BrowserCallError extends Error {
  constructor(readonly failure: BrowserCallFailure) {
    super(failure.kind);
  }
}

/** A read-only token for orders-api from our own origin (never the session's broader token). */
async function browserToken(): Promise<string> {
  const res = await fetch('/api/browser-token/orders', {
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!res.ok) throw new BrowserCallError({ kind: 'token', status: res.status });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** fetch() rejects with a TypeError, and nothing more, on a CORS refusal or a dead host. */
async function callApi(url: URL, token: string): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  } catch {
    throw new BrowserCallError({ kind: 'network' });
  }
}

/**
 * The browser-side call: a short-lived read-only token for the orders audience from
 * /api/browser-token/orders, then a CORS request straight to orders-api. The URL arrives as a
 * prop at request time, so one build runs in every environment (no NEXT_PUBLIC_* baked in).
 */
export function RefreshStatus({
  apiUrl,
  serviceName,
  hints,
}: {
  readonly apiUrl: string;
  readonly serviceName: string;
  /** Outside production: name what to check and `pnpm auth:doctor`. */
  readonly hints: boolean;
}) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function refresh() {
    setBusy(true);
    try {
      const token = await browserToken();
      const response = await callApi(
        new URL('orders?limit=100', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`),
        token,
      );
      if (!response.ok) throw new BrowserCallError({ kind: 'status', status: response.status });
      const list = orderListSchema.parse(await response.json());
      const pending = list.items.filter((o) => o.status === 'pending').length;
      setFailed(false);
      setMessage(
        `Checked with ${new URL(apiUrl).origin} from your browser: ${pending} pending, ` +
          `${list.items.length - pending} cancelled.`,
      );
    } catch (error) {
      setFailed(true);
      setMessage(
        error instanceof BrowserCallError
          ? describeBrowserCallFailure(error.failure, {
              serviceName,
              apiOrigin: new URL(apiUrl).origin,
              pageOrigin: window.location.origin,
              hints,
            })
          : 'Could not refresh the status: the answer was not what this page expected.',
      );
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
