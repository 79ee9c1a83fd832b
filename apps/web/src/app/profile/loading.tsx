import { PageSkeleton } from '@/components/page-skeleton';

export default function ProfileLoading() {
  return <PageSkeleton title="Profile" cards={1} />;
}
