import { createLogger, createService } from '@repo/service-kit';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serviceClientsFor, UpstreamError, type ServiceClient } from '../src/index';
import {
  listen,
  ordersConfig,
  profileCallee,
  startCountingIdp,
  type CountingIdp,
  type Listening,
  type SeenCall,
} from './support/servers';

/**
 * orders-api's client for profile-api against the real local IdP (its token endpoint, its keys)
 * and a real HTTP callee that verifies every token with service-kit's own verifier and
 * requireServiceScope. Token requests are counted in the IdP's access log.
 */
const answer = z.object({ items: z.array(z.object({ sub: z.string(), displayName: z.string() })) });

let counting: CountingIdp;
let callee: Listening;
const seen: SeenCall[] = [];
const extra: Listening[] = [];

beforeAll(async () => {
  counting = await startCountingIdp();
  callee = await listen(profileCallee(counting.idp, seen));
});
afterAll(async () => {
  await callee?.stop();
  await counting?.idp.stop();
});
afterEach(async () => {
  await Promise.all(extra.splice(0).map((s) => s.stop()));
});

/** A fresh client (so a fresh token cache) for orders-api, calling profile at `url`. */
function ordersClient(url = callee.url, options: Parameters<typeof serviceClientsFor>[1] = {}) {
  const { clients, tokens } = serviceClientsFor(ordersConfig(counting.idp, url), options);
  return { profile: clients.profile, tokens };
}

async function expectUpstream(
  call: Promise<unknown>,
  expected: { status: number; reason: UpstreamError['reason']; detail: RegExp },
): Promise<UpstreamError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  const upstream = error as UpstreamError;
  expect({ status: upstream.status, reason: upstream.reason }).toEqual({
    status: expected.status,
    reason: expected.reason,
  });
  expect(upstream.message).toMatch(expected.detail);
  return upstream;
}

describe('the token: fetched once, cached, shared', () => {
  it('1,000 calls cost one token request, and the callee verified the token every time', async () => {
    const before = counting.tokenRequests();
    const callsBefore = seen.length;
    const { profile, tokens } = ordersClient();
    for (let i = 0; i < 1000; i += 1) {
      const res = await profile.get('/profiles', {
        query: { ids: [`auth0|u${i}`] },
        schema: answer,
      });
      expect(res.items[0]!.sub).toBe(`auth0|u${i}`);
    }
    expect(counting.tokenRequests() - before).toBe(1);
    expect(tokens.requests).toBe(1);
    expect(seen.length - callsBefore).toBe(1000);
    expect(new Set(seen.slice(callsBefore).map((c) => c.sub))).toEqual(
      new Set(['local-orders-api@clients']),
    );
  });

  it('50 concurrent first calls cost one token request', async () => {
    const before = counting.tokenRequests();
    const { profile } = ordersClient();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        profile.get('/profiles', { query: { ids: [`auth0|c${i}`] }, schema: answer }),
      ),
    );
    expect(answers).toHaveLength(50);
    expect(counting.tokenRequests() - before).toBe(1);
  });

  it('refreshes ahead of expiry in the background: no caller waits, the next one gets the new token', async () => {
    let clock = Date.now();
    const before = counting.tokenRequests();
    const { profile, tokens } = ordersClient(callee.url, { tokens: { now: () => clock } });
    const call = () => profile.get('/profiles', { query: { ids: ['auth0|a'] }, schema: answer });
    await call();
    const firstSub = seen.length;
    // The IdP's tokens live an hour; four minutes before exp is inside the 5-minute window.
    clock += 3600_000 - 4 * 60_000;
    await call();
    await expect.poll(() => counting.tokenRequests() - before).toBe(2);
    expect(tokens.requests).toBe(2);
    // Past exp minus the 30 s margin, the cached token is never used: the refreshed one was.
    clock += 3 * 60_000 + 45_000;
    await call();
    expect(counting.tokenRequests() - before).toBe(2);
    expect(seen.length).toBe(firstSub + 2);
  });

  it('asks again after the callee refuses the token (401), once', async () => {
    const tokensSeen: string[] = [];
    const refuseFirst = await listen((req, res) => {
      const token = String(req.headers.authorization);
      tokensSeen.push(token);
      if (tokensSeen.length === 1) {
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    });
    extra.push(refuseFirst);
    const before = counting.tokenRequests();
    const { profile } = ordersClient(refuseFirst.url);
    expect(await profile.get('/profiles', { schema: answer })).toEqual({ items: [] });
    expect(counting.tokenRequests() - before).toBe(2);
    expect(tokensSeen).toHaveLength(2);
    expect(tokensSeen[0]).not.toBe(tokensSeen[1]);
  });
});

describe('the call', () => {
  it('sends repeated, URL-encoded ids and the request id', async () => {
    const { profile } = ordersClient();
    const before = seen.length;
    await profile.get('/profiles', {
      query: { ids: ['auth0|alice', 'google-oauth2|1 2&x=y'] },
      schema: answer,
      requestId: 'req-123',
    });
    const call = seen[before]!;
    expect(call.ids).toEqual(['auth0|alice', 'google-oauth2|1 2&x=y']);
    expect(call.rawUrl).toBe('/profiles?ids=auth0%7Calice&ids=google-oauth2%7C1+2%26x%3Dy');
    expect(call.requestId).toBe('req-123');
  });

  it('callee down: 503 unreachable; back up on the same port: answers, with the cached token', async () => {
    const port = callee.port;
    const { profile } = ordersClient();
    await profile.get('/profiles', { schema: answer });
    const before = counting.tokenRequests();
    await callee.stop();
    try {
      await expectUpstream(profile.get('/profiles', { schema: answer }), {
        status: 503,
        reason: 'unreachable',
        detail: /^profile-api is unreachable \(ECONNREFUSED\)$/,
      });
    } finally {
      callee = await listen(profileCallee(counting.idp, seen), port);
    }
    expect(await profile.get('/profiles', { schema: answer })).toEqual({ items: [] });
    expect(counting.tokenRequests()).toBe(before);
  });

  it('a silent callee: 504 after the timeout, not a hang', async () => {
    const silent = await listen(() => {});
    extra.push(silent);
    const { profile } = ordersClient(silent.url, { timeoutMs: 300 });
    const started = performance.now();
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 504,
      reason: 'timeout',
      detail: /did not answer within 300 ms/,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('an answer outside the contract, an error status or a 503: 502, 502 and 503', async () => {
    const answers = [
      [200, '{"items":[{"sub":1}]}'],
      [500, '{"detail":"database on fire"}'],
      [503, '{}'],
    ] as const;
    let next = 0;
    const odd = await listen((_req, res) => {
      const [status, body] = answers[next++ % answers.length]!;
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    extra.push(odd);
    const { profile } = ordersClient(odd.url);
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 502,
      reason: 'invalid-response',
      detail: /does not match the contract: items\.0\.sub/,
    });
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 502,
      reason: 'status',
      detail: /answered 500: database on fire/,
    });
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 503,
      reason: 'unavailable',
      detail: /answered 503/,
    });
  });
});

describe('token failures', () => {
  it('a wrong secret: 502 token-refused naming the IdP’s words, never the secret', async () => {
    const config = ordersConfig(counting.idp, callee.url);
    const wrong = 'wrong-secret-value';
    const { clients } = serviceClientsFor({
      ...config,
      clientCredentials: { ...config.clientCredentials!, clientSecret: wrong },
    });
    const error = await expectUpstream(clients.profile.get('/profiles', { schema: answer }), {
      status: 502,
      reason: 'token-refused',
      detail:
        /^orders-api could not get a token for profile-api: the IdP answered 401 \(invalid_client/,
    });
    expect(error.message).not.toContain(wrong);
  });

  it('the IdP silent: 503 token-unavailable after the timeout; failures are not retried on every call', async () => {
    const silentIdp = await listen(() => {});
    extra.push(silentIdp);
    const config = ordersConfig(counting.idp, callee.url);
    let attempts = 0;
    const { clients } = serviceClientsFor(
      {
        ...config,
        clientCredentials: {
          ...config.clientCredentials!,
          tokenUrl: `${silentIdp.url}/oauth/token`,
        },
      },
      {
        fetch: (input, init) => {
          attempts += 1;
          return fetch(input, init);
        },
        tokens: { timeoutMs: 300, failureCooldownMs: 60_000 },
      },
    );
    const profile: ServiceClient = clients.profile;
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 503,
      reason: 'token-unavailable',
      detail: /the IdP did not answer within 300 ms/,
    });
    await expectUpstream(profile.get('/profiles', { schema: answer }), {
      status: 503,
      reason: 'token-unavailable',
      detail: /the IdP did not answer within 300 ms/,
    });
    expect(attempts).toBe(1);
  });
});

describe('as an API answers it', () => {
  it('an UpstreamError a handler lets through is a problem+json 503 with Retry-After', async () => {
    const gone = await listen(() => {});
    await gone.stop();
    const { profile } = ordersClient(gone.url);
    const app = createService({
      config: ordersConfig(counting.idp, gone.url),
      db: { ping: async () => {} },
      logger: createLogger({ serviceName: 'orders-test', level: 'silent' }),
      verifyToken: (req, _res, next) => {
        (req as unknown as { auth: unknown }).auth = { payload: { sub: 'auth0|x' } };
        next();
      },
      routes: (router) =>
        router.get('/names', async (_req, res) => {
          res.json(await profile.get('/profiles', { schema: answer }));
        }),
    });
    const res = await request(app).get('/names').set('Authorization', 'Bearer x');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      type: 'https://api.example.com/problems/upstream-failed',
      status: 503,
      detail: 'profile-api is unreachable (ECONNREFUSED)',
    });
  });
});
