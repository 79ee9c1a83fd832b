'use client';

import Link from 'next/link';
import styles from './ui.module.css';

/**
 * What a page that failed to render shows, instead of a bare 500: plain words, a retry, a way
 * back, and the reference the server logged the error under (Next.js's digest), to quote when
 * asking for help. Each route segment's error.tsx renders it, so the header and the other
 * segments stay usable.
 */
export function SegmentError({
  error,
  reset,
  what,
}: {
  readonly error: Error & { digest?: string };
  readonly reset: () => void;
  /** What could not be shown: "this page", "this order". */
  readonly what: string;
}) {
  return (
    <section className={styles.card} aria-labelledby="error-heading">
      <h1 id="error-heading">Something went wrong</h1>
      <p role="alert">
        {`${what[0]?.toUpperCase()}${what.slice(1)}`} could not be shown. Try again; if it keeps
        happening, quote the reference below.
      </p>
      <p>
        Reference: <code>{error.digest ?? 'none'}</code>
      </p>
      <p className={styles.actions}>
        <button type="button" className={styles.secondary} onClick={reset}>
          Try again
        </button>
        <Link href="/dashboard">Back to the dashboard</Link>
      </p>
    </section>
  );
}
