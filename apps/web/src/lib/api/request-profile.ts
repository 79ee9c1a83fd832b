import { cache } from 'react';
import { usableLocale } from '../format';
import { serverApis } from './server-apis';

/**
 * The signed-in user's profile, asked once per request however many parts of the page need it
 * (the dashboard's card, the locale of every date on the page).
 */
export const requestProfile = cache(() => serverApis().profile.me());

/** The profile's language for dates and money; `en` when profile-api cannot say. */
export async function requestLocale(): Promise<string> {
  return requestProfile().then(
    (profile) => usableLocale(profile.locale),
    () => 'en',
  );
}
