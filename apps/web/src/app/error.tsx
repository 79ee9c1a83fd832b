'use client';

import { SegmentError } from '@/components/segment-error';

/** The root segment's error page (e.g. the home page), inside the layout. */
export default function ErrorPage(props: {
  readonly error: Error & { digest?: string };
  readonly reset: () => void;
}) {
  return <SegmentError {...props} what="this page" />;
}
