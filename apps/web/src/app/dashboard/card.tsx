import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from '@/components/ui.module.css';
import { describeApiError, needsNewLogin } from '@/lib/api/describe-error';

/**
 * One API's card: its own call, its own error. The dashboard renders every card side by side and
 * each one awaits only its API, so one failing or slow API never blanks or holds the others.
 */
export async function ApiCard<T>({
  id,
  title,
  load,
  action,
  render,
  link,
  returnTo = '/dashboard',
}: {
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<T>;
  /** What the card was doing, for the error text: "load your orders". */
  readonly action: string;
  readonly render: (value: T) => ReactNode;
  readonly link?: { readonly href: string; readonly label: string };
  /** Where "Log in again" comes back to. */
  readonly returnTo?: string;
}) {
  const [result] = await Promise.allSettled([load()]);
  return (
    <section className={styles.card} aria-labelledby={`${id}-heading`} data-api-card={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {result.status === 'fulfilled' ? (
        render(result.value)
      ) : (
        <p role="alert" className={styles.error}>
          {describeApiError(result.reason, action)}{' '}
          {needsNewLogin(result.reason) && (
            <a href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>Log in again</a>
          )}
        </p>
      )}
      {link && <Link href={link.href}>{link.label}</Link>}
    </section>
  );
}

/**
 * The card of a generated API: its caller's latest items, by title. `pnpm gen api-service` adds
 * one to cards.tsx for each new API.
 * @public
 */
export function ItemsCard({
  id,
  title,
  load,
}: {
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<{
    readonly items: readonly { readonly id: string; readonly title: string }[];
  }>;
}) {
  return (
    <ApiCard
      id={id}
      title={title}
      load={load}
      action={`load your ${title} items`}
      render={(page) =>
        page.items.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ul>
            {page.items.map((item) => (
              <li key={item.id}>{item.title}</li>
            ))}
          </ul>
        )
      }
    />
  );
}
