import { loadToolEnv } from '@repo/auth-config';
import { startRedis, type RedisServer } from '@repo/test-harness/redis-server';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSessionStore, type WebSessionStore } from '../src';
import { session, storeConformance, type TestSession } from './support/conformance';

// `pnpm test:redis`: Debian's redis-server on a free port (REDIS_SERVER), started and stopped here.
let redis: RedisServer;
const opened: WebSessionStore<TestSession>[] = [];
const durations = { absoluteSeconds: 3 * 24 * 3600, inactivitySeconds: 24 * 3600 };
const secret = 's'.repeat(40);

beforeAll(async () => {
  redis = await startRedis({ binary: loadToolEnv().redisServer });
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis?.stop();
});

async function open(extra: { durations?: typeof durations; prefix?: string } = {}) {
  const store = createRedisSessionStore<TestSession>({
    url: redis.url,
    secret,
    durations: extra.durations ?? durations,
    prefix: extra.prefix,
  });
  opened.push(store);
  return store;
}

type RawClient = ReturnType<typeof createClient>;

async function raw<T>(fn: (client: RawClient) => Promise<T>): Promise<T> {
  const client: RawClient = createClient({ url: redis.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

describe('Redis store', () => {
  storeConformance(() => ({
    open: () => open(),
    dump: () =>
      raw(async (client) => {
        const keys = await client.keys('*');
        const values = await Promise.all(
          keys.map(async (k) => {
            const type = await client.type(k);
            if (type === 'string') return String(await client.get(k));
            if (type === 'hash') return JSON.stringify(await client.hGetAll(k));
            if (type === 'set') return JSON.stringify(await client.sMembers(k));
            return '';
          }),
        );
        return [...keys, ...values].join('\n');
      }),
  }));

  it('gives each key the session rolling TTL, and the index sets the TTL of their longest session', async () => {
    const store = await open({
      durations: { absoluteSeconds: 3600, inactivitySeconds: 60 },
      prefix: 'ttl:',
    });
    const s = session('auth0|ttl');
    await store.set('ttl-id', s);
    await store.writeTokens('ttl-id', { 'access x': { value: 'v' } });
    const ttls = await raw(async (client) =>
      Promise.all(
        (await client.keys('ttl:*')).map(async (k) => [k, await client.pTTL(k)] as const),
      ),
    );
    expect(ttls).toHaveLength(4); // the session, its tokens, the sid index, the sub index
    for (const [key, ttl] of ttls) {
      expect(ttl, `${key} must expire`).toBeGreaterThan(0);
      expect(ttl, `${key} expires with the rolling window`).toBeLessThanOrEqual(60_000);
    }
  });

  it('fails fast while Redis is down, and works again when it is back, without a new client', async () => {
    const store = await open();
    await store.set('outage', session());
    await redis.stop();
    const started = Date.now();
    await expect(store.get('outage')).rejects.toThrow();
    expect(Date.now() - started, 'no waiting on an offline queue').toBeLessThan(3000);
    await redis.start();
    await expect
      .poll(
        () =>
          store.ping().then(
            () => 'up',
            () => 'down',
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toBe('up');
    expect(await store.get('outage'), 'an in-memory Redis restarted empty').toBeNull();
    await store.set('after', session());
    expect(await store.get('after')).not.toBeNull();
  });
});
