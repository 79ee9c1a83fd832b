import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeySet, KeySetUnavailableError, keySetDefaults, type KeySetEvent } from '../../src';
import { startJwksServer, type JwksServer } from '../support/jwks-server';

let jwks: JwksServer;
let t: number;
const now = () => t;
const rs = (kid: string | undefined) => ({ kid, alg: 'RS256' });

beforeEach(async () => {
  jwks = await startJwksServer();
  t = 1_700_000_000_000;
});
afterEach(async () => {
  await jwks.stop();
});

function keySet(extra: Partial<Parameters<typeof createKeySet>[0]> = {}) {
  const events: KeySetEvent[] = [];
  const set = createKeySet({
    jwksUri: jwks.jwksUri,
    now,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { set, events };
}

describe('JWKS key set', () => {
  it('fetches once for any number of concurrent first requests', async () => {
    const { set } = keySet();
    const kid = jwks.keys[0]!.kid;
    const keys = await Promise.all(Array.from({ length: 50 }, () => set.keyFor(rs(kid))));
    expect(keys.every(Boolean)).toBe(true);
    expect(jwks.hits).toBe(1);
    expect(set.kids).toEqual([kid]);
  });

  it('serves the last good key set through an IdP outage, long after the refresh interval', async () => {
    const { set, events } = keySet();
    const kid = jwks.keys[0]!.kid;
    await set.keyFor(rs(kid));
    jwks.mode = 'down';
    for (let hour = 1; hour <= 24; hour++) {
      t += 3600_000;
      expect(await set.keyFor(rs(kid)), `hour ${hour}`).toBeDefined();
      await set.refresh().catch(() => {});
    }
    expect(events.filter((e) => e.type === 'fetch-failed').length).toBeGreaterThan(0);
    expect(set.kids).toEqual([kid]);
  });

  it('refreshes in the background after the interval, retrying a failure only after the cooldown', async () => {
    const { set, events } = keySet({ refreshIntervalMs: 60_000, cooldownMs: 10_000 });
    const kid = jwks.keys[0]!.kid;
    await set.keyFor(rs(kid));
    t += 59_999;
    await set.keyFor(rs(kid));
    expect(jwks.hits).toBe(1);
    jwks.mode = 'down';
    t += 1;
    await set.keyFor(rs(kid)); // starts the background refresh, served from the current set
    await expect.poll(() => events.filter((e) => e.type === 'fetch-failed').length).toBe(1);
    for (let i = 0; i < 20; i++) await set.keyFor(rs(kid));
    expect(jwks.hits).toBe(2);
    t += 10_000;
    jwks.mode = 'up';
    await set.keyFor(rs(kid));
    await expect.poll(() => events.filter((e) => e.type === 'fetched').length).toBe(2);
    expect(jwks.hits).toBe(3);
  });

  it('finds a rotated-in kid with one refetch', async () => {
    const { set, events } = keySet();
    await set.keyFor(rs(jwks.keys[0]!.kid));
    const fresh = await jwks.addKey();
    expect(await set.keyFor(rs(fresh.kid))).toBeDefined();
    expect(jwks.hits).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: 'fetched', reason: 'unknown-kid' });
  });

  it('makes at most one fetch per cooldown for a storm of unknown kids', async () => {
    const { set } = keySet({ cooldownMs: 30_000 });
    await set.keyFor(rs(jwks.keys[0]!.kid));
    const storm = await Promise.all(
      Array.from({ length: 200 }, (_, i) => set.keyFor(rs(`random-${i}`))),
    );
    expect(storm.every((k) => k === undefined)).toBe(true);
    for (let i = 0; i < 200; i++) {
      t += 100; // 20 s of a steady storm
      expect(await set.keyFor(rs(`later-${i}`))).toBeUndefined();
    }
    expect(jwks.hits).toBe(2);
    t += 10_000;
    await set.keyFor(rs('after-cooldown'));
    expect(jwks.hits).toBe(3);
    expect(keySetDefaults.cooldownMs).toBe(30_000);
  });

  it('reports the keys that left the set, and stops trusting them', async () => {
    const { set, events } = keySet();
    const old = jwks.keys[0]!.kid;
    const fresh = await jwks.addKey();
    await set.keyFor(rs(old));
    jwks.removeKey(old);
    await set.refresh();
    expect(events).toContainEqual({ type: 'keys-removed', kids: [old] });
    expect(await set.keyFor(rs(fresh.kid))).toBeDefined();
    t += keySetDefaults.cooldownMs;
    expect(await set.keyFor(rs(old))).toBeUndefined();
  });

  it('keeps the last good set when the IdP publishes an empty or broken one', async () => {
    const { set } = keySet();
    const kid = jwks.keys[0]!.kid;
    await set.keyFor(rs(kid));
    for (const body of ['{"keys":[]}', 'not json', '{"nokeys":1}']) {
      jwks.setRawBody(body);
      await expect(set.refresh()).rejects.toThrow();
      expect(await set.keyFor(rs(kid)), body).toBeDefined();
    }
  });

  it('ignores keys for other algorithms or uses, and a malformed key, but keeps the good ones', async () => {
    const good = jwks.keys[0]!.jwk;
    jwks.setRawBody(
      JSON.stringify({
        keys: [
          { ...good, kid: 'enc', use: 'enc' },
          { ...good, kid: 'ps', alg: 'PS256' },
          { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'x', y: 'y' },
          { kty: 'RSA', kid: 'broken', e: 'AQAB' },
          good,
        ],
      }),
    );
    const { set } = keySet();
    await set.refresh();
    expect(set.kids).toEqual([good.kid]);
  });

  it('refuses a kid-less token unless the set holds a single key, and any alg but RS256', async () => {
    const { set } = keySet();
    expect(await set.keyFor(rs(undefined))).toBeDefined();
    expect(await set.keyFor({ kid: jwks.keys[0]!.kid, alg: 'HS256' })).toBeUndefined();
    await jwks.addKey();
    await set.refresh();
    expect(await set.keyFor(rs(undefined))).toBeUndefined();
  });

  it('says the keys are unavailable when the very first fetch fails, retrying at most once a second', async () => {
    jwks.mode = 'down';
    const { set } = keySet();
    await expect(set.keyFor(rs('any'))).rejects.toBeInstanceOf(KeySetUnavailableError);
    await expect(set.keyFor(rs('any'))).rejects.toBeInstanceOf(KeySetUnavailableError);
    expect(jwks.hits).toBe(1);
    t += 1000;
    jwks.mode = 'up';
    expect(await set.keyFor(rs(jwks.keys[0]!.kid))).toBeDefined();
    expect(jwks.hits).toBe(2);
  });

  it('never makes a known kid wait on a silent IdP; an unknown kid waits at most the timeout', async () => {
    const { set } = keySet({ timeoutMs: 300, refreshIntervalMs: 1000 });
    const kid = jwks.keys[0]!.kid;
    await set.keyFor(rs(kid));
    jwks.mode = 'silent';
    t += 1000; // a refresh is due: it starts in the background and hangs
    const known = performance.now();
    expect(await set.keyFor(rs(kid))).toBeDefined();
    expect(await set.keyFor(rs(kid))).toBeDefined();
    expect(performance.now() - known).toBeLessThan(200);
    const unknown = performance.now();
    expect(await set.keyFor(rs('rotated-in?'))).toBeUndefined();
    expect(performance.now() - unknown).toBeLessThan(3000);
    expect(set.kids).toEqual([kid]);
  });

  for (const mode of ['silent', 'stall-body'] as const) {
    it(`gives up on a ${mode} JWKS endpoint after the timeout`, async () => {
      jwks.mode = mode;
      const { set, events } = keySet({ timeoutMs: 300 });
      const started = performance.now();
      await expect(set.keyFor(rs('any'))).rejects.toThrow(/could not be fetched/);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(3000);
      expect(events[0]).toMatchObject({ type: 'fetch-failed', reason: 'initial' });
    });
  }
});
