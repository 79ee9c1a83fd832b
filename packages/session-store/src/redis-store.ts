import { createClient, type RedisClientType } from '@redis/client';
import { randomBytes } from 'node:crypto';
import { expiresAtMs } from './expiry';
import { createSealer } from './seal';
import type {
  LogoutToken,
  SessionDurations,
  SessionLock,
  StoredSession,
  StoredToken,
  WebSessionStore,
} from './types';

export interface RedisStoreOptions {
  /** `redis://…` or `rediss://…` (TLS), from SESSION_STORE_URL. */
  readonly url: string;
  /** AUTH0_SECRET: the keys for encryption at rest and for the opaque index keys derive from it. */
  readonly secret: string;
  readonly durations: SessionDurations;
  /** Every key starts with this; several apps can share one Redis. Default `web:`. */
  readonly prefix?: string;
  /** A command that gets no answer fails after this long. Default 2000 ms. */
  readonly commandTimeoutMs?: number;
  readonly now?: () => number;
  /** Told about connection errors (the client reconnects by itself). */
  readonly onError?: (error: Error) => void;
}

// Saves tokens only while the session exists, with a compare-and-set on the refresh token:
// KEYS[1] session, KEYS[2] tokens; ARGV[1] previous fingerprint ('' = none yet), ARGV[2] next
// refresh token (sealed, '' = none), ARGV[3] its fingerprint, then name/value pairs.
const writeTokensScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
if ARGV[2] ~= '' then
  local current = redis.call('HGET', KEYS[2], 'refresh#fingerprint')
  if (current == false and ARGV[1] == '') or current == ARGV[1] then
    redis.call('HSET', KEYS[2], 'refresh', ARGV[2], 'refresh#fingerprint', ARGV[3])
  end
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`;

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Sessions in Redis, for any number of web replicas. Each session is one encrypted value that
 * expires with the session, plus a hash of the tokens kept beside it, and two index sets (by the
 * IdP's `sid` and by `sub`) for back-channel logout; an index set expires with its last session.
 * Commands fail fast while Redis is unreachable (no offline queue): the web app says the
 * sign-in service is unavailable instead of hanging, and the client reconnects by itself.
 */
export function createRedisSessionStore<S extends StoredSession>(
  options: RedisStoreOptions,
): WebSessionStore<S> {
  const prefix = options.prefix ?? 'web:';
  const now = options.now ?? Date.now;
  const sealer = createSealer(options.secret);
  const client: RedisClientType = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.commandTimeoutMs ?? 2000,
      // Back off up to 2 s between attempts, forever: Redis coming back is noticed without a restart.
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
    commandOptions: { timeout: options.commandTimeoutMs ?? 2000 },
  });
  client.on('error', (error: Error) => options.onError?.(error));
  // Connecting goes on in the background (and again after every outage). Until the first
  // connection, a command waits for it at most one command timeout; afterwards a command while
  // Redis is away fails at once (no offline queue), so no request ever hangs on the store.
  const firstConnection = client.connect().then(
    () => undefined,
    (error: Error) => options.onError?.(error),
  );
  const timeoutMs = options.commandTimeoutMs ?? 2000;
  const connected = async (): Promise<void> => {
    if (client.isReady) return;
    await Promise.race([
      firstConnection,
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  };

  const sessionKey = (id: string) => `${prefix}s:${sealer.keyOf('session', id)}`;
  const tokensKey = (id: string) => `${prefix}t:${sealer.keyOf('session', id)}`;
  const bySid = (sid: string) => `${prefix}sid:${sealer.keyOf('sid', sid)}`;
  const bySub = (sub: string) => `${prefix}sub:${sealer.keyOf('sub', sub)}`;
  const hashedId = (id: string) => sealer.keyOf('session', id);

  async function indexSession(id: string, session: S, ttlMs: number): Promise<void> {
    const member = hashedId(id);
    const multi = client.multi();
    for (const index of [
      session.internal?.sid ? bySid(session.internal.sid) : undefined,
      session.user?.sub ? bySub(session.user.sub) : undefined,
    ]) {
      if (!index) continue;
      multi.sAdd(index, member);
      // A set lives as long as its longest session: NX for a new set, GT to extend an old one.
      multi.pExpire(index, ttlMs, 'NX');
      multi.pExpire(index, ttlMs, 'GT');
    }
    await multi.exec();
  }

  async function deleteMembers(members: readonly string[]): Promise<void> {
    if (members.length === 0) return;
    // Index members are the hashed session ids the session and token keys end with.
    await client.del(members.flatMap((m) => [`${prefix}s:${m}`, `${prefix}t:${m}`]));
  }

  const store: WebSessionStore<S> = {
    kind: 'redis',
    async get(id) {
      await connected();
      const sealed = await client.get(sessionKey(id));
      return sealed ? (sealer.open<S>(sealed) ?? null) : null;
    },
    async set(id, session) {
      await connected();
      const ttl = expiresAtMs(session, options.durations, now()) - now();
      if (ttl <= 0) {
        await store.delete(id);
        return;
      }
      await client
        .multi()
        .set(sessionKey(id), sealer.seal(session), { expiration: { type: 'PX', value: ttl } })
        .pExpire(tokensKey(id), ttl)
        .exec();
      await indexSession(id, session, ttl);
    },
    async update(id, session) {
      await connected();
      const ttl = expiresAtMs(session, options.durations, now()) - now();
      if (ttl <= 0) {
        await store.delete(id);
        return false;
      }
      // XX: only if it still exists, in one command, so a logout between the SDK's read and this
      // write is never undone.
      const done = await client.set(sessionKey(id), sealer.seal(session), {
        condition: 'XX',
        expiration: { type: 'PX', value: ttl },
      });
      if (done !== 'OK') return false;
      await client.pExpire(tokensKey(id), ttl);
      await indexSession(id, session, ttl);
      return true;
    },
    async delete(id) {
      await connected();
      await client.del([sessionKey(id), tokensKey(id)]);
    },
    async deleteByLogoutToken(token: LogoutToken) {
      await connected();
      // A token with `sid` ends that IdP session's web sessions only; with `sub` alone, all of them.
      let members: string[];
      if (token.sid) {
        members = await client.sMembers(bySid(token.sid));
        if (token.sub) {
          const ofUser = new Set(await client.sMembers(bySub(token.sub)));
          members = members.filter((m) => ofUser.has(m));
        }
        await deleteMembers(members);
        if (members.length > 0) await client.sRem(bySid(token.sid), members);
      } else if (token.sub) {
        members = await client.sMembers(bySub(token.sub));
        await deleteMembers(members);
        await client.del(bySub(token.sub));
      }
    },
    async readTokens(id) {
      await connected();
      const [exists, fields] = await Promise.all([
        client.exists(sessionKey(id)),
        client.hGetAll(tokensKey(id)),
      ]);
      if (!exists) return undefined;
      const tokens: Record<string, StoredToken> = {};
      for (const [name, sealed] of Object.entries(fields)) {
        if (name.endsWith('#fingerprint')) continue;
        const token = sealer.open<StoredToken>(sealed);
        if (token) tokens[name] = token;
      }
      return tokens;
    },
    async writeTokens(id, tokens, replaceRefresh) {
      await connected();
      const pairs = Object.entries(tokens).flatMap(([name, token]) => [name, sealer.seal(token)]);
      const result = await client.eval(writeTokensScript, {
        keys: [sessionKey(id), tokensKey(id)],
        arguments: [
          replaceRefresh?.previous ? sealer.keyOf('refresh', replaceRefresh.previous) : '',
          replaceRefresh ? sealer.seal({ value: replaceRefresh.next } satisfies StoredToken) : '',
          replaceRefresh ? sealer.keyOf('refresh', replaceRefresh.next) : '',
          ...pairs,
        ],
      });
      return result === 1;
    },
    async tryLock(name, ttlMs): Promise<SessionLock | undefined> {
      await connected();
      const key = `${prefix}lock:${sealer.keyOf('lock', name)}`;
      const owner = randomBytes(12).toString('base64url');
      const taken = await client.set(key, owner, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      if (taken !== 'OK') return undefined;
      return {
        release: async () => {
          await client.eval(releaseScript, { keys: [key], arguments: [owner] }).catch(() => {});
        },
      };
    },
    async sessionsOf(sub) {
      await connected();
      const members = await client.sMembers(bySub(sub));
      const alive = await Promise.all(
        members.map(async (m) => ((await client.exists(`${prefix}s:${m}`)) ? m : undefined)),
      );
      return alive.filter((m): m is string => m !== undefined);
    },
    async ping() {
      await connected();
      await client.ping();
    },
    async close() {
      client.destroy();
    },
  };
  return store;
}
