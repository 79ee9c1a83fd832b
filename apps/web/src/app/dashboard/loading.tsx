import { PageSkeleton } from '@/components/page-skeleton';

export default function DashboardLoading() {
  return <PageSkeleton title="Dashboard" cards={2} />;
}
