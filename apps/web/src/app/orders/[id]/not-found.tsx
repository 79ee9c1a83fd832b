import Link from 'next/link';
import styles from '@/components/ui.module.css';

/** No such order among the signed-in user's: another user's order looks exactly like this. */
export default function OrderNotFound() {
  return (
    <section className={styles.card} aria-labelledby="order-not-found-heading">
      <h1 id="order-not-found-heading">Order not found</h1>
      <p>You have no order with this number.</p>
      <p>
        <Link href="/orders">See all your orders</Link>
      </p>
    </section>
  );
}
