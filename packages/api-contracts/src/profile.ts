import { z } from 'zod';

/** How much email the user wants; the server stores one of these. */
export const notificationPreferences = ['all', 'important', 'none'] as const;
export const notificationPreferenceSchema = z.enum(notificationPreferences);
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** A BCP 47 language tag of the common shapes: `en`, `fr-CA`, `zh-Hant-TW`. */
export const localeSchema = z
  .string()
  .regex(
    /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/,
    'must be a language tag such as en or fr-CA',
  );

// Letters, digits, spaces and common punctuation; no control or invisible formatting characters.
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'must not contain control characters');

/** `GET /me` and `PATCH /me` answer this. */
export const profileSchema = z.object({
  sub: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  locale: z.string(),
  notifications: notificationPreferenceSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Profile = z.infer<typeof profileSchema>;

/**
 * `PATCH /me` body. Strict: an unknown field (`sub`, `email`, `__proto__`, a typo) is an error,
 * never silently ignored, and at least one field must be given.
 */
export const profileUpdateSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    locale: localeSchema.optional(),
    notifications: notificationPreferenceSchema.optional(),
  })
  .refine(
    (u) => Object.keys(u).length > 0,
    'give at least one of displayName, locale, notifications',
  );
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;
