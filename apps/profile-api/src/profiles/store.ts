import type { NotificationPreference, ProfileUpdate } from '@repo/api-contracts/profile';
import type { Orm } from '@repo/service-kit/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { profiles, type ProfileRow } from '../db/schema';

/** What a first read stores, taken from the verified token. */
export interface ProfileSeed {
  readonly email: string | null;
  readonly displayName: string;
}

export const defaultLocale = 'en';
export const defaultNotifications: NotificationPreference = 'important';

/**
 * Every user method takes the caller's `sub`: there is no way to reach another user's row.
 * `findMany` is the one exception, for the service route (other APIs, never users), and it only
 * reads: a batch never creates a profile.
 */
export interface ProfileStore {
  /** The caller's profile, created from `seed` if this is their first visit. */
  getOrCreate(sub: string, seed: ProfileSeed): Promise<ProfileRow>;
  /** Applies a validated update to the caller's profile (created first if needed). */
  update(sub: string, seed: ProfileSeed, changes: ProfileUpdate): Promise<ProfileRow>;
  /** The profiles of these subs that exist, in no particular order. */
  findMany(subs: readonly string[]): Promise<ProfileRow[]>;
}

export function createProfileStore(orm: Orm): ProfileStore {
  async function getOrCreate(sub: string, seed: ProfileSeed): Promise<ProfileRow> {
    // Two first reads racing both insert; the loser's insert does nothing and it reads the row.
    const [created] = await orm
      .insert(profiles)
      .values({
        sub,
        email: seed.email,
        displayName: seed.displayName,
        locale: defaultLocale,
        notifications: defaultNotifications,
      })
      .onConflictDoNothing({ target: profiles.sub })
      .returning();
    if (created) return created;
    const [existing] = await orm.select().from(profiles).where(eq(profiles.sub, sub));
    if (!existing) throw new Error('profile vanished between insert and select');
    return existing;
  }

  return {
    getOrCreate,
    async findMany(subs) {
      if (subs.length === 0) return [];
      return orm
        .select()
        .from(profiles)
        .where(inArray(profiles.sub, [...subs]));
    },
    async update(sub, seed, changes) {
      await getOrCreate(sub, seed);
      // Only named columns are set: the parsed update never reaches the ORM as a whole object.
      const [row] = await orm
        .update(profiles)
        .set({
          ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
          ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
          ...(changes.notifications !== undefined ? { notifications: changes.notifications } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(profiles.sub, sub))
        .returning();
      if (!row) throw new Error('profile vanished during update');
      return row;
    },
  };
}
