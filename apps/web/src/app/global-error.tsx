'use client';

/** When even the root layout fails: the same words as error.tsx, in a page of its own. */
export default function GlobalError({
  error,
  reset,
}: {
  readonly error: Error & { digest?: string };
  readonly reset: () => void;
}) {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Something went wrong</h1>
          <p>
            This page could not be shown. Try again; if it keeps happening, quote the reference
            below.
          </p>
          <p>
            Reference: <code>{error.digest ?? 'none'}</code>
          </p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
