import styles from '@/components/ui.module.css';
import { explainAuthError } from '@/lib/auth-errors';
import { signInRequest } from '@/lib/auth0';

export const metadata = { title: 'Sign-in problem · Acme Orders' };

/** Where failed logins land: the likely cause and the fix, never the raw error text. */
export default async function AuthErrorPage({
  searchParams,
}: {
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const explanation = explainAuthError(first(query.code), first(query.cause), signInRequest());
  return (
    <section className={styles.card} aria-labelledby="auth-error-heading">
      <h1 id="auth-error-heading">{explanation.title}</h1>
      <p>
        <strong>Likely cause:</strong> {explanation.likelyCause}
      </p>
      <p>
        <strong>What to do:</strong> {explanation.fix}
      </p>
      <a className={styles.button} href="/auth/login?returnTo=/dashboard">
        Try again
      </a>
    </section>
  );
}
