import type { Profile, ProfileSummary } from '@repo/api-contracts/profile';
import type { ProfileRow } from '../db/schema';

export function toProfile(row: ProfileRow): Profile {
  return {
    sub: row.sub,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    notifications: row.notifications,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** What another service gets (GET /profiles): no locale, no preferences, no timestamps. */
export function toProfileSummary(row: ProfileRow): ProfileSummary {
  return { sub: row.sub, displayName: row.displayName, email: row.email };
}
