/**
 * The environment a spawned `pnpm` gets in tests: only what it needs to run (PATH, HOME), so that
 * a developer's own AUTH0_DOMAIN or NODE_ENV never leaks into the test.
 */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  if (process.env.PATH !== undefined) base.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) base.HOME = process.env.HOME;
  return { ...base, ...extra };
}
