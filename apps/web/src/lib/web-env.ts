import { loadWebEnv, type WebEnv } from '@repo/auth-config';

let cached: WebEnv | undefined;

/**
 * The web app's validated configuration, loaded on first use and never at import time, so that
 * `next build` needs no environment at all. Next.js has already merged `.env`/`.env.local` from
 * this app's folder into the environment by the time anything calls this.
 */
export function webEnv(): WebEnv {
  cached ??= loadWebEnv();
  return cached;
}
