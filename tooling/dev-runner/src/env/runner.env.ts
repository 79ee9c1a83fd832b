/**
 * What every service inherits: the developer's shell, as `turbo run dev` passed it on (PORT,
 * AUTH0_DOMAIN, DATABASE_URL, LOG_LEVEL, …). Each service validates its own variables with its
 * loader from @repo/auth-config.
 */
export function shellEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
