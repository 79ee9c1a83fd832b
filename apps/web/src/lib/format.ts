/**
 * How every date and amount is written: in the reader's language (the profile's locale) and, for
 * times, in a time zone the caller names. Pure functions, so the server and the browser agree.
 */

/** A locale Intl accepts, or `en`: a profile may hold any tag of the right shape. */
export function usableLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Money from integer cents, in the order's own currency. */
export function formatMoney(cents: number, currency: string, locale = 'en'): string {
  return new Intl.NumberFormat(usableLocale(locale), { style: 'currency', currency }).format(
    cents / 100,
  );
}

/**
 * A point in time in `timeZone`. Without a zone (the server, which cannot know the reader's)
 * it is UTC and says so, so the HTML never depends on where the server runs.
 */
export function formatDateTime(iso: string, locale = 'en', timeZone?: string): string {
  const text = new Intl.DateTimeFormat(usableLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timeZone ?? 'UTC',
  }).format(new Date(iso));
  return timeZone ? text : `${text} UTC`;
}
