import { createServer, type Server, type Socket } from 'node:net';
import type { LocalIdp } from '@repo/local-idp';
import { verifierOf, type ResilientVerifier } from '@repo/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ordersToken,
  ordersVerifier,
  startCountingIdp,
  startShellApi,
  type InProcessApi,
  type JwksCounter,
} from '../src/in-process';
import { forMs, getStatus, runLoad, tally, type Outcome } from '../src/load';

let idp: LocalIdp;
let jwks: JwksCounter;
let api: InProcessApi;
let verifier: ResilientVerifier;
let silent: Server | undefined;
const silentSockets = new Set<Socket>();

beforeAll(async () => {
  ({ idp, jwks } = await startCountingIdp());
  // The production verifier with short periods: a background refresh is due every 300 ms and
  // an unknown kid may refetch every 300 ms, so the outage below meets dozens of failed fetches
  // (the defaults, 10 min and 30 s, would meet one or none in a few seconds).
  verifier = ordersVerifier(idp, {
    keySet: { refreshIntervalMs: 300, cooldownMs: 300, timeoutMs: 500 },
    // The unknown kids below are there to make the verifier try the IdP, not a flood: from one
    // address, past 100 in 10 s, the limit would answer the valid requests 429 too (abuse.test.ts).
    invalidTokenLimit: false,
  });
  api = await startShellApi(idp, { verifyToken: verifier });
});

afterAll(async () => {
  await api?.stop();
  silent?.close();
  for (const s of silentSockets) s.destroy();
});

/** Each request carries a token minted just now: never in the cache, so the key set answers. */
async function freshTokenRequest(
  worker: number,
  i: number,
): Promise<{ valid: boolean; outcome: Outcome }> {
  // One request in ten has a kid the key set does not know: it makes the verifier try the IdP.
  const valid = i % 10 !== 9;
  const token = await ordersToken(
    idp,
    `auth0|load-${worker}-${i}`,
    valid ? {} : { kid: `unknown-${worker}-${i}` },
  );
  return { valid, outcome: await getStatus(`${api.url}/orders`, token) };
}

describe('IdP outage under load', () => {
  it('serves every valid token, fresh ones included, while the IdP is down and then silent', async () => {
    const warm = await runLoad({ workers: 8, done: forMs(1500), once: freshTokenRequest });
    expect(tally(warm.filter((r) => r.valid).map((r) => r.outcome))).toEqual({
      '200': warm.filter((r) => r.valid).length,
    });
    const fetchesBefore = verifier.keySet.fetchCount;
    const keysFetchedAt = verifier.keySet.fetchedAt;

    // Down: connection refused.
    const port = idp.port;
    await idp.stop();
    const down = await runLoad({ workers: 8, done: forMs(3000), once: freshTokenRequest });

    // Silent: the port accepts connections and never answers, the worst kind of outage.
    silent = createServer((socket) => void silentSockets.add(socket));
    await new Promise<void>((resolve) => silent!.listen(port, '127.0.0.1', resolve));
    const hung = await runLoad({ workers: 8, done: forMs(3000), once: freshTokenRequest });

    for (const [phase, results] of [
      ['down', down],
      ['silent', hung],
    ] as const) {
      const valid = results.filter((r) => r.valid).map((r) => r.outcome);
      const invalid = results.filter((r) => !r.valid).map((r) => r.outcome);
      expect(valid.length, `${phase}: valid requests sent`).toBeGreaterThan(50);
      expect(tally(valid), `${phase}: every valid token is served`).toEqual({
        '200': valid.length,
      });
      expect(tally(invalid), `${phase}: unknown kids are still refused`).toEqual({
        '401': invalid.length,
      });
    }
    // The verifier did try the IdP (and failed) all along, and kept the last good key set.
    expect(verifier.keySet.fetchCount - fetchesBefore).toBeGreaterThan(5);
    expect(verifier.keySet.fetchedAt).toBe(keysFetchedAt);
    expect(jwks.count, 'the IdP answered only the fetches made before the outage').toBe(
      fetchesBefore,
    );
    console.info(
      `IdP outage: ${down.length + hung.length} requests in 6 s (${tally(down.map((r) => r.outcome))['200']} + ` +
        `${tally(hung.map((r) => r.outcome))['200']} valid served), ${verifier.keySet.fetchCount - fetchesBefore} failed JWKS fetches`,
    );
    expect(verifierOf(api.app)).toBeUndefined(); // the test's verifier replaced the default one
  });
});
