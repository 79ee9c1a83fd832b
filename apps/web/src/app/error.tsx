'use client';

import styles from '@/components/ui.module.css';

/**
 * What a page that failed to render shows, instead of a bare 500: plain words, a way back, and
 * the reference the server logged the error under (Next.js's digest), to quote when asking for help.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  readonly error: Error & { digest?: string };
  readonly reset: () => void;
}) {
  return (
    <section className={styles.card} aria-labelledby="error-heading">
      <h1 id="error-heading">Something went wrong</h1>
      <p>
        This page could not be shown. Try again; if it keeps happening, quote the reference below.
      </p>
      <p>
        Reference: <code>{error.digest ?? 'none'}</code>
      </p>
      <button type="button" className={styles.secondary} onClick={reset}>
        Try again
      </button>
    </section>
  );
}
