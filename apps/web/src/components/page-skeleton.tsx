import styles from './ui.module.css';

/**
 * What a page shows while its APIs answer: its heading and grey blocks where the cards will be,
 * so the layout does not jump, and one polite "Loading" for screen readers.
 */
export function PageSkeleton({
  title,
  cards = 2,
}: {
  readonly title: string;
  readonly cards?: number;
}) {
  return (
    <div aria-busy="true" data-skeleton>
      <h1>{title}</h1>
      <p role="status" className={styles.visuallyHidden}>
        Loading {title.toLowerCase()}…
      </p>
      <div className={styles.grid}>
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className={styles.card} aria-hidden="true">
            <div className={`${styles.skeleton} ${styles.skeletonHeading}`} />
            <div className={styles.skeleton} />
            <div className={styles.skeleton} />
            <div className={`${styles.skeleton} ${styles.skeletonShort}`} />
          </div>
        ))}
      </div>
    </div>
  );
}
