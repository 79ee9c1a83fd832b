import Link from 'next/link';
import styles from '@/components/ui.module.css';

export const metadata = { title: 'Not found · Acme Orders' };

/** Any URL that is not a page, and pages this user may not see (they are not confirmed to exist). */
export default function NotFound() {
  return (
    <section className={styles.card} aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>There is no page at this address, or it is not yours to see.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </section>
  );
}
