import type { Profile } from '@repo/api-contracts/profile';
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
