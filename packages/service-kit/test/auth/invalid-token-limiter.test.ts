import { describe, expect, it } from 'vitest';
import { createInvalidTokenLimiter, invalidTokenLimitDefaults } from '../../src';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('invalid-token limiter', () => {
  it('lets a client fail up to the threshold, then limits it until the window ends', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ maxFailures: 3, windowMs: 1000, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('1.2.3.4')).toBe(0);
      limiter.recordFailure('1.2.3.4');
    }
    expect(limiter.retryAfterMs('1.2.3.4')).toBe(1000);
    expect(limiter.retryAfterMs('5.6.7.8'), 'another client').toBe(0);
    c.advance(400);
    expect(limiter.retryAfterMs('1.2.3.4')).toBe(600);
    c.advance(600);
    expect(limiter.retryAfterMs('1.2.3.4')).toBe(0);
  });

  it('has defaults that a real client never reaches', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ now: c.now });
    for (let i = 0; i < invalidTokenLimitDefaults.maxFailures; i++) limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBe(invalidTokenLimitDefaults.windowMs);
    expect(invalidTokenLimitDefaults.maxFailures).toBeGreaterThanOrEqual(100);
  });

  it('tracks a bounded number of clients, dropping the oldest', () => {
    const c = clock();
    const limiter = createInvalidTokenLimiter({ maxFailures: 1, maxClients: 100, now: c.now });
    for (let i = 0; i < 10_000; i++) limiter.recordFailure(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.trackedClients).toBe(100);
  });
});
