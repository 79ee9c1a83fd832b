import { request as httpRequest } from 'node:http';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { invalidTokenLimitDefaults, problemContentType, verifierOf } from '@repo/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersToken, startShellApi, type InProcessApi } from '../src/in-process';
import { getStatus, tally } from '../src/load';

let idp: LocalIdp;
let api: InProcessApi;

beforeAll(async () => {
  idp = await startLocalIdp();
  api = await startShellApi(idp);
});
afterAll(async () => {
  await api?.stop();
  await idp?.stop();
});

/** A raw request, so nothing between the test and Node's HTTP parser trims the header. */
function rawGet(
  url: string,
  authorization: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/orders`, { headers: { authorization } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('abuse', () => {
  it('a 20 kB Authorization header gets 431 from Node itself, with no problem+json body', async () => {
    const res = await rawGet(api.url, `Bearer ${'a'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
    expect(String(res.headers['content-type'] ?? '')).not.toContain(problemContentType);
    expect(res.body).toBe('');
    // The server is fine afterwards.
    expect(await getStatus(`${api.url}/orders`, await ordersToken(idp))).toEqual({ status: 200 });
  });

  it('a flood of invalid tokens gets 429 past the threshold, before any verification, and valid cached tokens still pass', async () => {
    const valid = await ordersToken(idp, 'auth0|victim');
    expect(await getStatus(`${api.url}/orders`, valid)).toEqual({ status: 200 });
    // Validly signed, wrong audience: each one would cost a full RSA verification.
    const forged = await idp.mintAccessToken({
      sub: 'auth0|mallory',
      audience: 'https://not-this-api.example/',
    });
    const threshold = invalidTokenLimitDefaults.maxFailures;
    const flood = 3 * threshold;
    const outcomes = [];
    for (let i = 0; i < flood; i++)
      outcomes.push(await getStatus(`${api.url}/orders`, `${forged}${'A'.repeat(i % 7)}`));
    expect(tally(outcomes.slice(0, threshold))).toEqual({ '401': threshold });
    expect(outcomes[threshold], 'the first token past the threshold').toEqual({ status: 429 });
    // All the rest is 429 unless this run outlasted the 10 s window (a very slow machine): then
    // the next window starts with another `threshold` verifications.
    const counts = tally(outcomes);
    expect(Object.keys(counts).sort()).toEqual(['401', '429']);
    expect(counts['401']! % threshold).toBe(0);

    const limited = await rawGet(api.url, `Bearer ${forged}`);
    expect(limited.status).toBe(429);
    expect(String(limited.headers['content-type'])).toContain(problemContentType);
    expect(JSON.parse(limited.body)).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const stats = verifierOf(api.app)!.stats;
    expect(stats.rejected, 'only the requests below the threshold were verified').toBe(
      counts['401'],
    );
    expect(stats.rateLimited).toBe(counts['429']! + 1);
    expect(
      await getStatus(`${api.url}/orders`, valid),
      'a cached valid token from the same address',
    ).toEqual({ status: 200 });
    const elsewhere = await getStatus(
      `${api.url}/orders`,
      await ordersToken(idp, 'auth0|neighbour'),
      '127.0.0.2',
    );
    expect(elsewhere, 'a new valid token from another address').toEqual({ status: 200 });
    expect(
      await getStatus(`${api.url}/orders`, forged, '127.0.0.2'),
      'is refused, not limited, there',
    ).toEqual({ status: 401 });
    console.info(
      `abuse: ${flood} invalid tokens → ${counts['401']} × 401 (verified), ${counts['429']} × 429 (not verified)`,
    );
  });
});
