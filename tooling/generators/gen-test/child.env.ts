import { webEnvVariables } from '@repo/auth-config';

/** App settings that must not leak from the developer's shell into the copy's commands. */
const appVariables = new Set([
  ...webEnvVariables(),
  'USE_LOCAL_IDP',
  'NODE_ENV',
  'PORT',
  'HOST',
  'AUTH0_AUDIENCE',
  'CORS_ALLOWED_ORIGINS',
  'DATABASE_URL',
  'DATA_DIR',
  'LOCAL_IDP_DATA_DIR',
  'LOG_LEVEL',
]);

/**
 * The environment of the commands run in the copy: the shell's (pnpm, corepack and turbo need
 * theirs) without app settings, with CI=true (so pnpm would refuse a stale lockfile unless told),
 * plus `extra`.
 */
export function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CI: 'true' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!appVariables.has(key) && !key.endsWith('_API_URL') && !key.endsWith('_API_AUDIENCE'))
      env[key] = value;
  }
  return { ...env, CI: 'true', ...extra };
}
