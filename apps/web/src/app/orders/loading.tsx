import { PageSkeleton } from '@/components/page-skeleton';

export default function OrdersLoading() {
  return <PageSkeleton title="Orders" cards={2} />;
}
