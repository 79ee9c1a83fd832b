import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCache, defaultTokenCacheTtlMs, tokenKey } from '../../src';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const verified = (expSeconds: number | undefined, kid = 'k1') => ({
  payload: { sub: 'auth0|alice', ...(expSeconds === undefined ? {} : { exp: expSeconds }) },
  header: { alg: 'RS256', kid },
});

describe('verified-token cache', () => {
  it('is keyed by the SHA-256 of the token, never the token itself', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.sig';
    expect(tokenKey(token)).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(tokenKey(token)).not.toContain(token.slice(0, 10));
  });

  it('serves a verified token until its exp, then forgets it', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    cache.set('t', verified(c.now() / 1000 + 60));
    expect(cache.get('t')?.payload.sub).toBe('auth0|alice');
    c.advance(59_999);
    expect(cache.get('t')).toBeDefined();
    c.advance(1);
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('caps an entry at 5 minutes by default, whatever the exp says', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    cache.set('t', verified(c.now() / 1000 + 24 * 3600));
    c.advance(defaultTokenCacheTtlMs - 1);
    expect(cache.get('t')).toBeDefined();
    c.advance(1);
    expect(cache.get('t')).toBeUndefined();
  });

  it('takes a configurable cap', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now, maxTtlMs: 1000 });
    cache.set('t', verified(c.now() / 1000 + 3600));
    c.advance(1000);
    expect(cache.get('t')).toBeUndefined();
  });

  it('keeps nothing without a numeric exp, already expired, or with caching turned off', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    cache.set('no-exp', verified(undefined));
    cache.set('expired', verified(c.now() / 1000 - 1));
    createTokenCache({ now: c.now, maxEntries: 0 }).set('x', verified(c.now() / 1000 + 60));
    expect(cache.size).toBe(0);
  });

  it('is bounded and drops the least recently used entry first', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now, maxEntries: 3 });
    const exp = c.now() / 1000 + 60;
    for (const t of ['a', 'b', 'c']) cache.set(t, verified(exp));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent; b the least
    cache.set('d', verified(exp));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    for (const t of ['a', 'c', 'd']) expect(cache.get(t), t).toBeDefined();
    for (let i = 0; i < 1000; i++) cache.set(`flood-${i}`, verified(exp));
    expect(cache.size).toBe(3);
  });

  it('keeps the least-recently-used order through removals in the middle', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now, maxEntries: 3 });
    const exp = c.now() / 1000 + 60;
    cache.set('a', verified(exp));
    cache.set('b', verified(exp, 'old-kid'));
    cache.set('short', verified(c.now() / 1000 + 1));
    cache.set('c', verified(exp)); // the cache is full: a, the oldest, goes
    expect(cache.get('a')).toBeUndefined();
    expect(cache.evictKids(new Set(['old-kid']))).toBe(1);
    c.advance(2000);
    expect(cache.get('short')).toBeUndefined(); // expired: gone, its slot free
    expect(cache.size).toBe(1);
    cache.set('d', verified(c.now() / 1000 + 60));
    cache.set('e', verified(c.now() / 1000 + 60));
    expect(cache.get('c')).toBeDefined(); // c is now the most recent; d the least
    cache.set('f', verified(c.now() / 1000 + 60));
    expect(cache.get('d')).toBeUndefined();
    for (const t of ['c', 'e', 'f']) expect(cache.get(t), t).toBeDefined();
    expect(cache.size).toBe(3);
  });

  it('takes the key a caller computed already, the same as the token would give', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    cache.set('t', verified(c.now() / 1000 + 60), 'api', tokenKey('t'));
    expect(cache.get('t', 'api')).toBeDefined();
    expect(cache.get('other', 'api', tokenKey('t'))).toBeDefined();
    expect(cache.get('t', 'another api', tokenKey('t'))).toBeUndefined();
  });

  it('forgets the tokens of a key that left the key set', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    const exp = c.now() / 1000 + 60;
    cache.set('old', verified(exp, 'old-kid'));
    cache.set('new', verified(exp, 'new-kid'));
    expect(cache.evictKids(new Set(['old-kid']))).toBe(1);
    expect(cache.get('old')).toBeUndefined();
    expect(cache.get('new')).toBeDefined();
  });

  it('hands out frozen claims, so one request cannot change what the next one sees', () => {
    const c = clock();
    const cache = createTokenCache({ now: c.now });
    cache.set('t', {
      payload: { sub: 'a', exp: c.now() / 1000 + 60, nested: { x: 1 } },
      header: { kid: 'k' },
    });
    const hit = cache.get('t')!;
    expect(() => {
      (hit.payload as Record<string, unknown>).sub = 'mallory';
    }).toThrow(TypeError);
    expect(Object.isFrozen(hit.payload.nested)).toBe(true);
  });
});
