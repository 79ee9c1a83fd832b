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

/** `GET /profiles?ids=`: at most this many ids per call (an admin page is at most 100 orders). */
export const maxProfileBatch = 100;

/** One id of the batch: a `sub` as the IdP issues it (`auth0|alice`, `google-oauth2|1234`). */
export const profileIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'must not contain control characters');

/**
 * `GET /profiles?ids=a&ids=b` (service scope `read:profile:service`): repeated `ids` parameters,
 * each URL-encoded (subs contain `|`), 1 to 100 of them; duplicates count once. Other query
 * parameters are ignored.
 */
export const profileBatchQuerySchema = z.object({
  ids: z
    .union([profileIdSchema, z.array(profileIdSchema)], 'give one or more ids=<sub> parameters')
    .transform((ids) => [...new Set(typeof ids === 'string' ? [ids] : ids)])
    .pipe(
      z
        .array(z.string())
        .max(maxProfileBatch, `give at most ${maxProfileBatch} distinct ids per request`),
    ),
});

/** What another service learns about a user: who they are called, and their email. */
export const profileSummarySchema = z.object({
  sub: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** The batch's answer: the profiles that exist, in the order asked; unknown ids are omitted. */
export const profileBatchSchema = z.object({ items: z.array(profileSummarySchema) });
export type ProfileBatch = z.infer<typeof profileBatchSchema>;
