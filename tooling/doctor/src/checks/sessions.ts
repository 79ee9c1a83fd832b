import { createClient } from '@redis/client';
import { apiNames, type WebEnv } from '@repo/auth-config';
import { fail, pass, skip, warn, type CheckResult } from '../result';

/** Above this many APIs a stateless session cookie (every API's tokens in it) outgrows 4 kB. */
const cookieSessionApiLimit = 3;

/** Whether Redis at `url` answers PING within `timeoutMs`; the reason when it does not. */
type RedisPing = (
  url: string,
  timeoutMs: number,
) => Promise<{ ok: true } | { ok: false; reason: string }>;

export const pingRedis: RedisPing = async (url, timeoutMs) => {
  const client = createClient({
    url,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
    disableOfflineQueue: true,
  });
  client.on('error', () => {});
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    client.destroy();
  }
};

const redactPassword = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * Where web keeps sessions (SESSION_STORE_URL): Redis must answer; the stateless cookie is
 * flagged once the registry has more APIs than its tokens fit in a cookie; the embedded store is
 * for one process and says so in production.
 */
export async function checkSessions(
  web: WebEnv | undefined,
  deps: { ping: RedisPing; timeoutMs: number },
): Promise<CheckResult[]> {
  if (!web)
    return [
      skip('sessions', 'web SESSION_STORE_URL', 'needs a valid web env (see the env rows above)'),
    ];
  const store = web.sessionStore;
  const subject = 'web SESSION_STORE_URL';
  switch (store.kind) {
    case 'redis': {
      const answer = await deps.ping(store.url, deps.timeoutMs);
      return [
        answer.ok
          ? pass('sessions', subject, `Redis at ${redactPassword(store.url)} answers`)
          : fail(
              'sessions',
              subject,
              `Redis at ${redactPassword(store.url)} does not answer (${answer.reason}): no one can sign in`,
              'start Redis or fix SESSION_STORE_URL (redis:// or rediss:// for TLS, with the password if it has one)',
            ),
      ];
    }
    case 'cookie':
      return [
        apiNames.length > cookieSessionApiLimit
          ? warn(
              'sessions',
              subject,
              `cookie: every API's tokens ride in the session cookie, and ${apiNames.length} APIs make it larger than browsers and proxies accept (431, lost sessions)`,
              'unset SESSION_STORE_URL (dev) or set it to redis://… so the cookie holds a session id only',
            )
          : pass(
              'sessions',
              subject,
              `cookie (stateless; ${apiNames.length} APIs fit; no server-side logout)`,
            ),
      ];
    case 'embedded':
      return [
        web.production
          ? warn(
              'sessions',
              subject,
              `the embedded store in ${store.dir} serves one process only`,
              'set SESSION_STORE_URL=redis://… before running more than one web replica',
            )
          : pass('sessions', subject, `embedded store in ${store.dir}`),
      ];
  }
}
