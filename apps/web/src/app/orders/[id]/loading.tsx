import { PageSkeleton } from '@/components/page-skeleton';

export default function OrderLoading() {
  return <PageSkeleton title="Order" cards={1} />;
}
