import { PageSkeleton } from '@/components/page-skeleton';

export default function AdminOrdersLoading() {
  return <PageSkeleton title="All orders" cards={1} />;
}
