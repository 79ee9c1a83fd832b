import { fileURLToPath } from 'node:url';
import { loadApiEnv, withEnvFiles, type ApiEnv } from '@repo/auth-config';

/** The app's folder: its `.env` and `.env.local` are read from here. */
export const appDir = fileURLToPath(new URL('..', import.meta.url));

/** The Orders API's validated env (process env over .env.local over .env). */
export function loadConfig(): ApiEnv<'orders'> {
  return loadApiEnv('orders', { source: withEnvFiles(appDir) });
}
