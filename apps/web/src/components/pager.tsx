import Link from 'next/link';
import styles from './ui.module.css';

/**
 * Forward paging through an API's `nextCursor`: the cursor is in the URL, so each page is a
 * plain link that works without JavaScript, can be bookmarked, and survives a reload.
 */
export function Pager({
  path,
  cursor,
  nextCursor,
  label,
}: {
  readonly path: string;
  /** The cursor of the page shown; undefined on the first page. */
  readonly cursor: string | undefined;
  readonly nextCursor: string | null;
  readonly label: string;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label={label} className={styles.pager}>
      {cursor && <Link href={path}>First page</Link>}
      {nextCursor && (
        <Link href={`${path}?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
