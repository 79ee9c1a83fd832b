import { describe, expect, it } from 'vitest';
import { IssuerUnreachableError, waitForIssuer } from '../src/issuer-wait';

const urls = {
  issuer: 'https://tenant.invalid/',
  jwksUri: 'https://tenant.invalid/.well-known/jwks.json',
};
const refused: typeof fetch = () =>
  Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }));

describe('waitForIssuer', () => {
  it('on timeout, one line naming the issuer, the cause, AUTH0_DOMAIN and pnpm auth:doctor', async () => {
    const log: string[] = [];
    const error = await waitForIssuer(urls, {
      app: 'web',
      timeoutMs: 60,
      intervalMs: 10,
      progressEveryMs: 20,
      fetchImpl: refused,
      log: (m) => log.push(m),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuerUnreachableError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      /^\[web\] the issuer https:\/\/tenant\.invalid\/ did not answer within 0 s \(ENOTFOUND\)\./,
    );
    expect(message).toContain('Check AUTH0_DOMAIN');
    expect(message).toContain('`pnpm auth:doctor`');
    expect(log[0]).toMatch(
      /^\[web\] waiting for the issuer's keys at https:\/\/tenant\.invalid\/\.well-known\/jwks\.json \(ENOTFOUND, 0 s\) …$/,
    );
    expect(log.length).toBeGreaterThanOrEqual(2);
  });

  it('resolves once the keys answer, and says so when it had been waiting', async () => {
    let calls = 0;
    const log: string[] = [];
    const flaky: typeof fetch = () =>
      ++calls < 3 ? refused(urls.jwksUri) : Promise.resolve(new Response('{"keys":[]}'));
    await waitForIssuer(urls, {
      app: 'orders-api',
      intervalMs: 1,
      fetchImpl: flaky,
      log: (m) => log.push(m),
    });
    expect(calls).toBe(3);
    expect(log.at(-1)).toBe('[orders-api] the issuer answers; starting.');
  });
});
