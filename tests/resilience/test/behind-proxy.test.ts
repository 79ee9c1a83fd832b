import { apis } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrdersProcess, type ApiProcess } from '../src/api-process';
import { ordersEnv } from '../src/in-process';
import { getStatus, tally, type Outcome } from '../src/load';
import { startReverseProxy, type ReverseProxy } from '@repo/test-harness/reverse-proxy';

/**
 * The security review's high finding: behind a proxy every client shares the proxy's address,
 * so one client's junk tokens used to lock everyone out of the API. The real orders-api (its own
 * entry point, in its own process) runs behind a real reverse proxy process that sets
 * X-Forwarded-For; clients are told apart by their loopback source address (127.0.0.x).
 */
let idp: LocalIdp;
beforeAll(async () => {
  idp = await startLocalIdp();
});
afterAll(async () => {
  await idp?.stop();
});

/** A fresh token the API has never seen: every one costs a verification. */
const freshToken = (sub: string) =>
  idp.mintAccessToken({ sub, audience: apis.orders.audience, scope: apis.orders.scopes.read });

async function floodAndServe(
  trustProxy: string | undefined,
): Promise<{ flood: Record<string, number>; others: Outcome[] }> {
  let api: ApiProcess | undefined;
  let proxy: ReverseProxy | undefined;
  try {
    api = await startOrdersProcess({
      ...ordersEnv(idp),
      ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}),
    });
    proxy = await startReverseProxy([api.url]);
    // Validly signed for another audience: each one is a full verification that fails.
    const junk = await idp.mintAccessToken({
      sub: 'auth0|mallory',
      audience: 'https://not-this-api.example/',
    });
    const flood: Outcome[] = [];
    for (let i = 0; i < 300; i++)
      flood.push(
        await getStatus(`${proxy.url}/orders`, `${junk}${'A'.repeat(i % 5)}`, '127.0.0.2'),
      );
    // Then ten other clients, each with a token the API has not cached.
    const others = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        getStatus(`${proxy!.url}/orders`, await freshToken(`auth0|user-${i}`), `127.0.0.${3 + i}`),
      ),
    );
    return { flood: tally(flood), others };
  } finally {
    await proxy?.stop();
    api?.signal('SIGTERM');
    await api?.exited;
  }
}

describe('behind a reverse proxy', () => {
  it('TRUST_PROXY=1: a flood of junk tokens limits its own client only; every other client with a new token gets 200', async () => {
    const { flood, others } = await floodAndServe('1');
    expect(flood['429'], 'the flooding client is limited').toBeGreaterThan(0);
    expect(tally(others)).toEqual({ '200': 10 });
  });

  it('without TRUST_PROXY the proxy is the only client: the same flood locks everyone out (why the variable exists)', async () => {
    const { others } = await floodAndServe(undefined);
    expect(tally(others)).toEqual({ '429': 10 });
  });
});
