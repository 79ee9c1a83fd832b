import Link from 'next/link';
import styles from './ui.module.css';

/** Login and logout are plain links: they are routes of the auth middleware, not pages. */
export function SiteHeader({
  userName,
  admin,
}: {
  readonly userName: string | undefined;
  /** Shows the Admin link; the admin pages check the scope themselves. */
  readonly admin: boolean;
}) {
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        Acme Orders
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        {userName && (
          <>
            <Link href="/dashboard">Dashboard</Link>
            <Link href="/orders">Orders</Link>
            <Link href="/profile">Profile</Link>
            {admin && <Link href="/admin/orders">Admin</Link>}
          </>
        )}
      </nav>
      <div className={styles.account}>
        {userName ? (
          <>
            <span className={styles.user}>Signed in as {userName}</span>
            <a href="/auth/logout">Log out</a>
          </>
        ) : (
          <a href="/auth/login?returnTo=/dashboard">Log in</a>
        )}
      </div>
    </header>
  );
}
