import Link from 'next/link';
import styles from '@/components/ui.module.css';
import { auth0 } from '@/lib/auth0';

export default async function HomePage() {
  const session = await auth0().getSession();
  return (
    <section className={styles.card} aria-labelledby="welcome">
      <h1 id="welcome">Your orders and profile, in one place</h1>
      <p>
        This app calls two APIs, each with an access token for its own audience. The tokens stay on
        the server; one status check calls the orders API straight from your browser.
      </p>
      {session ? (
        <Link className={styles.button} href="/dashboard">
          Go to your dashboard
        </Link>
      ) : (
        <a className={styles.button} href="/auth/login?returnTo=/dashboard">
          Log in
        </a>
      )}
    </section>
  );
}
