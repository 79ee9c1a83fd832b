/**
 * The environment a spawned CLI gets in tests: only what it needs to run (PATH, HOME), so that a
 * developer's own AUTH0_DOMAIN or NODE_ENV never leaks into the test.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}
