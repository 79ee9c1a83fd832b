import type { z } from 'zod';
import { problems, type FieldError } from './problems';

/**
 * Parses untrusted input with a (strict) zod schema, or throws a 400 problem that lists every
 * field error. Handlers use only the parsed value, never the raw body: body-parser keeps
 * `__proto__` as an own key, and copying a raw body could swap an object's prototype.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'request body',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw problems.badRequest(`The ${what} is not valid.`, errors);
}
