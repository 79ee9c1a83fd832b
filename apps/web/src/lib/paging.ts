/** `?cursor=` as Next gives it (absent, one value, or repeated): the first value or none. */
export function cursorParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first || undefined;
}
