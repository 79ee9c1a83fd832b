import { describe, expect, it } from 'vitest';
import { createInvalidTokenLimiter, invalidTokenLimitDefaults } from '../../src';
import type { InvalidTokenLimiter } from '../../src/auth/invalid-token-limiter';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** One verification that ends with `failed`, the way the verifier uses the limiter. */
async function attempt(
  limiter: InvalidTokenLimiter,
  client: string,
  failed: boolean,
): Promise<'limited' | 'verified'> {
  const wait = await limiter.acquire(client);
  if (wait > 0) return 'limited';
  await new Promise((resolve) => setImmediate(resolve)); // the verification takes a while
  limiter.settle(client, failed);
  return 'verified';
}

describe('invalid-token limiter', () => {
  it('lets a client fail up to the threshold, then limits it until the window ends', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ maxFailures: 3, windowMs: 1000, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.acquire('1.2.3.4')).toBe(0);
      limiter.settle('1.2.3.4', true);
    }
    expect(limiter.acquire('1.2.3.4')).toBe(1000);
    expect(limiter.acquire('5.6.7.8'), 'another client').toBe(0);
    c.advance(400);
    expect(limiter.acquire('1.2.3.4')).toBe(600);
    c.advance(600);
    expect(limiter.acquire('1.2.3.4')).toBe(0);
  });

  it('limits 1,000 concurrent bad tokens of one client exactly as 1,000 sequential ones', async () => {
    const concurrent = createInvalidTokenLimiter({ maxFailures: 100, windowMs: 60_000 });
    const together = await Promise.all(
      Array.from({ length: 1000 }, () => attempt(concurrent, 'flooder', true)),
    );
    const sequential = createInvalidTokenLimiter({ maxFailures: 100, windowMs: 60_000 });
    const oneByOne: string[] = [];
    for (let i = 0; i < 1000; i++) oneByOne.push(await attempt(sequential, 'flooder', true));
    const count = (results: string[]) => results.filter((r) => r === 'verified').length;
    expect(count(oneByOne)).toBe(100);
    expect(count(together)).toBe(100);
  });

  it('never limits a client whose concurrent tokens turn out valid', async () => {
    const limiter = createInvalidTokenLimiter({ maxFailures: 5, windowMs: 60_000 });
    const results = await Promise.all(
      Array.from({ length: 200 }, () => attempt(limiter, 'bff', false)),
    );
    expect(results.every((r) => r === 'verified')).toBe(true);
  });

  it('has defaults that a real client never reaches', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ now: c.now });
    for (let i = 0; i < invalidTokenLimitDefaults.maxFailures; i++) {
      limiter.acquire('a');
      limiter.settle('a', true);
    }
    expect(limiter.acquire('a')).toBe(invalidTokenLimitDefaults.windowMs);
    expect(invalidTokenLimitDefaults.maxFailures).toBeGreaterThanOrEqual(100);
  });

  it('tracks a bounded number of clients, dropping the oldest', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ maxFailures: 1, maxClients: 100, now: c.now });
    for (let i = 0; i < 10_000; i++) {
      const client = `10.0.${i >> 8}.${i & 255}`;
      limiter.acquire(client);
      limiter.settle(client, true);
    }
    expect(limiter.trackedClients).toBe(100);
  });
});
