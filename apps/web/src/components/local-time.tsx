'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime } from '@/lib/format';

// The browser's zone never changes while a page is open: nothing to subscribe to.
const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server cannot know the reader's zone; it renders UTC (labelled), the browser then its own.
const noZone = () => undefined;

/**
 * A date and time in the profile's language and the browser's time zone. The server's HTML says
 * UTC; after hydration React re-renders with the browser's zone (no hydration mismatch, since
 * useSyncExternalStore gives the server snapshot first).
 */
export function LocalTime({ iso, locale }: { readonly iso: string; readonly locale: string }) {
  const zone = useSyncExternalStore(subscribe, browserZone, noZone);
  return <time dateTime={iso}>{formatDateTime(iso, locale, zone)}</time>;
}
