import type { SessionData } from '@auth0/nextjs-auth0/types';
import { webSessionDurations, type WebEnv } from '@repo/auth-config';
import {
  createEmbeddedSessionStore,
  createRedisSessionStore,
  type WebSessionStore,
} from '@repo/session-store';
import { webLogger } from '../observability/logger';
import { timedStore, webMetrics } from '../observability/metrics';

export type WebStore = WebSessionStore<SessionData>;

let store: WebStore | undefined;

/**
 * This process's session store (one per module graph: Next.js loads the proxy and the pages
 * separately, and each gets its own client; they share the storage). Undefined for
 * SESSION_STORE_URL=cookie. Created on first use, never at import time.
 */
export function sessionStoreOf(env: WebEnv): WebStore | undefined {
  const choice = env.sessionStore;
  if (choice.kind === 'cookie') return undefined;
  store ??= timedStore(
    choice.kind === 'redis'
      ? createRedisSessionStore<SessionData>({
          url: choice.url,
          secret: env.auth0.secret,
          durations: webSessionDurations,
          onError: reportOnce,
        })
      : createEmbeddedSessionStore<SessionData>({
          dir: choice.dir,
          secret: env.auth0.secret,
          durations: webSessionDurations,
        }),
    webMetrics().sessionStoreDuration,
  );
  return store;
}

let reported = false;
/** The client reconnects by itself; one line per outage is enough for the log. */
function reportOnce(error: Error): void {
  if (reported) return;
  reported = true;
  webLogger().error(`session store: ${error.message}; retrying in the background`);
  setTimeout(() => (reported = false), 30_000).unref();
}
