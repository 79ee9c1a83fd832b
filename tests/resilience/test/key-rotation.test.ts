import type { LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ordersToken,
  ordersVerifier,
  startCountingIdp,
  startShellApi,
  type InProcessApi,
  type JwksCounter,
} from '../src/in-process';
import { forMs, getStatus, runLoad, tally } from '../src/load';

let idp: LocalIdp;
let jwks: JwksCounter;
const apis: InProcessApi[] = [];

beforeAll(async () => {
  ({ idp, jwks } = await startCountingIdp());
});
afterAll(async () => {
  for (const api of apis) await api.stop();
  await idp?.stop();
});

const mintMany = (n: number, prefix: string) =>
  Promise.all(Array.from({ length: n }, (_, i) => ordersToken(idp, `auth0|${prefix}-${i}`)));
const randomKid = (i: number) => `storm-${i}-${Math.random().toString(36).slice(2)}`;

describe('key rotation', () => {
  it('with the default verifier: a new kid passes after one refetch, old ones during the grace, a kid storm adds at most one fetch', async () => {
    const api = await startShellApi(idp);
    apis.push(api);
    const before = jwks.count;
    const oldTokens = await mintMany(20, 'old');
    expect(await getStatus(`${api.url}/orders`, oldTokens[0]!)).toEqual({ status: 200 });
    expect(jwks.count - before, 'the first request fetches the key set').toBe(1);

    await idp.rotateKeys({ graceSeconds: 600 });
    const fresh = await ordersToken(idp, 'auth0|after-rotation');
    expect(await getStatus(`${api.url}/orders`, fresh)).toEqual({ status: 200 });
    expect(jwks.count - before, 'the new kid cost exactly one refetch').toBe(2);
    const old = await Promise.all(oldTokens.slice(1).map((t) => getStatus(`${api.url}/orders`, t)));
    expect(tally(old), 'tokens of the old key pass during its grace period').toEqual({ '200': 19 });

    // 20 clients, each from its own address and below the invalid-token limit (100 per 10 s),
    // so every made-up kid reaches the key set.
    const perClient = 60;
    const storm = await runLoad({
      workers: 20,
      done: (_w, i) => i >= perClient,
      once: async (w, i) => {
        const token = await ordersToken(idp, 'auth0|storm', { kid: randomKid(w * 1e6 + i) });
        return getStatus(`${api.url}/orders`, token, `127.0.0.${w + 2}`);
      },
    });
    expect(tally(storm)).toEqual({ '401': 20 * perClient });
    expect(
      jwks.count - before - 2,
      `${storm.length} random kids within one cooldown`,
    ).toBeLessThanOrEqual(1);
    console.info(
      `key rotation (default verifier): new kid accepted after 1 refetch; ${storm.length} random kids from 20 addresses ` +
        `made ${jwks.count - before - 2} more JWKS fetch(es)`,
    );
    expect(await getStatus(`${api.url}/orders`, fresh), 'valid tokens unaffected').toEqual({
      status: 200,
    });
  });

  it('with 1 s periods: a storm makes one fetch per cooldown, and old tokens stop passing once the grace ends', async () => {
    const cooldownMs = 1000;
    const api = await startShellApi(idp, {
      verifyToken: ordersVerifier(idp, {
        keySet: { refreshIntervalMs: 1000, cooldownMs },
        // Every storm token reaches the key set (the limit would answer most of them 429).
        invalidTokenLimit: false,
      }),
    });
    apis.push(api);
    const oldTokens = await mintMany(400, 'grace');
    expect(await getStatus(`${api.url}/orders`, oldTokens[0]!)).toEqual({ status: 200 });

    const before = jwks.count;
    const started = performance.now();
    const storm = await runLoad({
      workers: 20,
      done: forMs(3500),
      once: async (w, i) =>
        getStatus(
          `${api.url}/orders`,
          await ordersToken(idp, 'auth0|storm', { kid: randomKid(w * 1e6 + i) }),
        ),
    });
    const cooldowns = Math.ceil((performance.now() - started) / cooldownMs);
    const stormFetches = jwks.count - before;
    expect(tally(storm)).toEqual({ '401': storm.length });
    // Only unknown kids arrive, so no background refresh is due: one refetch per cooldown.
    expect(
      stormFetches,
      `${storm.length} random kids over ${cooldowns} cooldowns`,
    ).toBeLessThanOrEqual(cooldowns);
    expect(stormFetches).toBeGreaterThanOrEqual(cooldowns - 1);

    // Rotation with a 2 s grace: the old key's tokens pass until the IdP retires it, then stop
    // passing at the verifier's next refresh.
    const graceMs = 2000;
    const rotatedAt = performance.now();
    await idp.rotateKeys({ graceSeconds: graceMs / 1000 });
    const seen: { at: number; status: number | string }[] = [];
    let next = 1;
    await runLoad({
      workers: 1,
      done: () => next >= oldTokens.length || (seen.at(-1)?.status === 401 && seen.length > 1),
      once: async () => {
        const outcome = await getStatus(`${api.url}/orders`, oldTokens[next++]!);
        seen.push({
          at: performance.now() - rotatedAt,
          status: 'status' in outcome ? outcome.status : outcome.error,
        });
        // Pace the old-token requests over the grace window (a steady trickle, not a deadline).
        await new Promise((r) => setTimeout(r, 25));
      },
    });
    const firstRefusal = seen.findIndex((s) => s.status !== 200);
    expect(
      firstRefusal,
      `old tokens refused at some point: ${JSON.stringify(seen.slice(-3))}`,
    ).toBeGreaterThan(0);
    expect(seen.slice(0, firstRefusal).every((s) => s.status === 200)).toBe(true);
    expect(seen[firstRefusal]!.status).toBe(401);
    expect(seen[firstRefusal]!.at, 'not before the grace ended').toBeGreaterThanOrEqual(graceMs);
    expect(seen[firstRefusal]!.at, 'within one refresh period (plus slack) after it').toBeLessThan(
      graceMs + 1000 + 2000,
    );
    expect(
      await getStatus(`${api.url}/orders`, await ordersToken(idp, 'auth0|new-key')),
      'the new key still passes',
    ).toEqual({ status: 200 });
    console.info(
      `key rotation: ${storm.length} random kids over ${cooldowns} × ${cooldownMs} ms made ${stormFetches} JWKS fetches; ` +
        `old-key tokens passed for ${Math.round(seen[firstRefusal - 1]!.at)} ms of a ${graceMs} ms grace, refused from ${Math.round(seen[firstRefusal]!.at)} ms`,
    );
  });
});
