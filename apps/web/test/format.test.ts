import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, usableLocale } from '../src/lib/format';

describe('dates and money in the reader’s language', () => {
  const iso = '2026-11-30T22:30:00.000Z';

  it('writes a time in the zone given, in the locale given', () => {
    expect(formatDateTime(iso, 'de-DE', 'Asia/Tokyo')).toBe('01.12.2026, 07:30');
    expect(formatDateTime(iso, 'en-US', 'America/New_York')).toBe('Nov 30, 2026, 5:30 PM');
  });

  it('says UTC when no zone is known (the server)', () => {
    expect(formatDateTime(iso, 'en')).toBe('Nov 30, 2026, 10:30 PM UTC');
  });

  it('writes money in the locale, in the order’s currency', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
  });

  it('falls back to English for a tag Intl does not accept', () => {
    expect(usableLocale('de-DE')).toBe('de-DE');
    expect(usableLocale('not a tag')).toBe('en');
    expect(usableLocale(undefined)).toBe('en');
  });
});
