'use client';

import { SegmentError } from '@/components/segment-error';

/** This segment's error page: the header and navigation stay, the rest of the app too. */
export default function DashboardError(props: {
  readonly error: Error & { digest?: string };
  readonly reset: () => void;
}) {
  return <SegmentError {...props} what="your dashboard" />;
}
