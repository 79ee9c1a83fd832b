import { z } from 'zod';

/** Page size bounds of every list; the default when `limit` is absent. */
export const maxPageLimit = 100;
export const defaultPageLimit = 20;

/** Every list answers `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * `?limit=&cursor=` of every list. Query values arrive as strings; the cursor is opaque to
 * clients (pass back `nextCursor` as is). Other query parameters are ignored.
 */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxPageLimit, `must be at most ${maxPageLimit}`)
    .default(defaultPageLimit),
  cursor: z.string().min(1).max(200).optional(),
});
