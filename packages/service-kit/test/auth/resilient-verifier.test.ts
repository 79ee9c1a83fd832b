import { KeyObject, sign } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apis, loadApiEnv } from '@repo/auth-config';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createService,
  createTokenCache,
  problemContentType,
  problemTypes,
  requireScope,
  subjectOf,
  verifierOf,
  type ServiceAuthOptions,
  type TokenVerifier,
} from '../../src';
import { openPglite, type Database } from '../../src/db';
import { startJwksServer, type JwksServer } from '../support/jwks-server';

const api = apis.orders;
let db: Database;

beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => {
  await db.close();
});

function appFor(jwks: JwksServer, auth?: ServiceAuthOptions, verifyToken?: TokenVerifier): Express {
  const config = loadApiEnv('orders', {
    source: {
      USE_LOCAL_IDP: 'true',
      AUTH0_DOMAIN: jwks.issuer,
      CORS_ALLOWED_ORIGINS: 'http://localhost:3999',
      LOG_LEVEL: 'silent',
    },
    log: () => {},
  });
  return createService({
    config,
    db,
    auth,
    verifyToken,
    routes: (router) => {
      router.get('/things', requireScope(api.scopes.read), (req, res) => {
        res.json({ sub: subjectOf(req) });
      });
    },
  });
}

const claims = (sub = 'auth0|alice') => ({ sub, scope: api.scopes.read });
const get = (app: Express, token: string, client?: string) => {
  const r = request(app).get('/things').set('Authorization', `Bearer ${token}`);
  return client ? r.set('X-Test-Client', client) : r;
};

describe('resilientJwtVerifier in createService', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks.stop());

  it('verifies a token once and serves its repeats from the cache', async () => {
    const app = appFor(jwks);
    const before = jwks.hits;
    const token = await jwks.sign(claims(), { audience: api.audience });
    for (let i = 0; i < 20; i++) {
      const res = await get(app, token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ sub: 'auth0|alice' });
    }
    const v = verifierOf(app)!;
    expect(v.stats).toMatchObject({ verified: 1, cacheHits: 19 });
    expect(jwks.hits - before).toBe(1);
  });

  it('never caches a refused token', async () => {
    const app = appFor(jwks);
    const token = await jwks.sign(claims(), { audience: 'https://someone-else/' });
    for (let i = 0; i < 3; i++) expect((await get(app, token)).status).toBe(401);
    const v = verifierOf(app)!;
    expect(v.stats).toMatchObject({ rejected: 3, cacheHits: 0, verified: 0 });
    expect(v.cache?.size).toBe(0);
  });

  it('refuses a sub that is not a string, as the library does', async () => {
    const app = appFor(jwks);
    const res = await get(
      app,
      await jwks.sign({ sub: 42, scope: api.scopes.read }, { audience: api.audience }),
    );
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.headers['www-authenticate']).toContain("Unexpected 'sub' value");
  });

  it('keeps accepting new valid tokens while the IdP is down, long past the refresh interval', async () => {
    let t = Date.now();
    const app = appFor(jwks, { keySet: { now: () => t, refreshIntervalMs: 60_000 } });
    expect((await get(app, await jwks.sign(claims(), { audience: api.audience }))).status).toBe(
      200,
    );
    jwks.mode = 'down';
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        t += 120_000; // an hour of outage, each request past the refresh interval
        statuses.push(
          (await get(app, await jwks.sign(claims(`auth0|user-${i}`), { audience: api.audience })))
            .status,
        );
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      jwks.mode = 'up';
    }
  });

  it('answers 503 problem+json with Retry-After, not 401, when the keys were never fetched and the IdP is down', async () => {
    const down = await startJwksServer();
    down.mode = 'down';
    try {
      const app = appFor(down);
      const res = await get(app, await down.sign(claims(), { audience: api.audience }));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain(problemContentType);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(res.body).toMatchObject({ status: 503, type: problemTypes.unavailable });
    } finally {
      await down.stop();
    }
  });

  it('accepts a rotated-in key after one refetch, and drops a removed key (cached tokens included)', async () => {
    const rotating = await startJwksServer();
    try {
      let t = Date.now();
      const app = appFor(rotating, { keySet: { now: () => t } });
      const old = rotating.keys[0]!.kid;
      const oldToken = await rotating.sign(claims(), { audience: api.audience });
      expect((await get(app, oldToken)).status).toBe(200);
      const fresh = await rotating.addKey();
      const newToken = await rotating.sign(claims('auth0|bob'), {
        audience: api.audience,
        kid: fresh.kid,
      });
      expect((await get(app, newToken)).status).toBe(200);
      expect(rotating.hits).toBe(2);
      expect((await get(app, oldToken)).status, 'old key still published: grace').toBe(200);
      rotating.removeKey(old);
      await verifierOf(app)!.keySet.refresh();
      t += 30_000;
      const res = await get(app, oldToken);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      expect((await get(app, newToken)).status).toBe(200);
    } finally {
      await rotating.stop();
    }
  });

  it('answers 429 problem+json before verifying once a client passes the invalid-token threshold', async () => {
    const app = appFor(jwks, {
      invalidTokenLimit: { maxFailures: 5, windowMs: 60_000 },
      clientKey: (req) => req.get('X-Test-Client') ?? 'none',
    });
    const good = await jwks.sign(claims(), { audience: api.audience });
    expect((await get(app, good, 'flooder')).status).toBe(200);
    const bad = await jwks.sign(claims(), { audience: 'https://someone-else/' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await get(app, `${bad}${i % 2 ? '' : 'x'}`, 'flooder')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const limited = await get(app, bad, 'flooder');
    expect(limited.headers['content-type']).toContain(problemContentType);
    expect(limited.body).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      type: problemTypes.tooManyRequests,
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).not.toContain(bad);
    const v = verifierOf(app)!;
    expect(v.stats.rejected, 'limited requests cost no verification').toBe(5);
    expect((await get(app, good, 'flooder')).status, 'an already verified token still passes').toBe(
      200,
    );
    const other = await jwks.sign(claims('auth0|bob'), { audience: api.audience });
    expect((await get(app, other, 'someone-else')).status, 'other clients are not affected').toBe(
      200,
    );
  });

  it('can be turned off: the invalid-token limit and the cache', async () => {
    const app = appFor(jwks, { invalidTokenLimit: false, cache: false });
    const bad = await jwks.sign(claims(), { audience: 'https://someone-else/' });
    for (let i = 0; i < 120; i++) expect((await get(app, bad)).status).toBe(401);
    const good = await jwks.sign(claims(), { audience: api.audience });
    for (let i = 0; i < 2; i++) expect((await get(app, good)).status).toBe(200);
    expect(verifierOf(app)!.stats).toMatchObject({ verified: 2, cacheHits: 0 });
  });

  it('leaves a replaced verifier alone', () => {
    const app = appFor(jwks, undefined, (_req, _res, next) => next());
    expect(verifierOf(app)).toBeUndefined();
  });
});

describe('what the security review found (each failed before its fix)', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks.stop());

  /** A correctly signed token whose protected header says what the attacker wants. */
  function craftedToken(header: Record<string, unknown>): string {
    const key = jwks.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${b64({ alg: 'RS256', kid: key.kid, ...header })}.${b64({ ...claims(), iss: jwks.issuer, aud: api.audience, iat: now, exp: now + 300 })}`;
    const signature = sign('sha256', Buffer.from(input), KeyObject.from(key.privateKey));
    return `${input}.${signature.toString('base64url')}`;
  }

  for (const name of ['x\r\nSet-Cookie: stolen=1', 'ünïcødé€', 'x"\\y']) {
    it(`a crit header naming ${JSON.stringify(name)} gets a 401 problem+json with a header-safe challenge`, async () => {
      const res = await get(appFor(jwks), craftedToken({ crit: [name], [name]: true }));
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain(problemContentType);
      expect(res.headers['set-cookie']).toBeUndefined();
      const challenge = String(res.headers['www-authenticate']);
      expect(challenge).toMatch(
        /^Bearer realm="[^"]*", error="invalid_token", error_description="[\x20-\x7e]*"$/,
      );
      expect(res.text).not.toMatch(/<html|at .*\(.*\.ts:\d+/i);
    });
  }

  it('a token cached by a verifier of one audience does not pass a verifier of another sharing the cache', async () => {
    const shared = createTokenCache();
    const orders = appFor(jwks, { cache: shared });
    const profile = createService({
      config: loadApiEnv('profile', {
        source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: jwks.issuer, LOG_LEVEL: 'silent' },
        log: () => {},
      }),
      db,
      auth: { cache: shared },
      routes: (router) => router.get('/things', (_req, res) => void res.json({ ok: true })),
    });
    const ordersToken = await jwks.sign(claims(), { audience: api.audience });
    expect((await get(orders, ordersToken)).status).toBe(200);
    expect(shared.size).toBe(1);
    const res = await get(profile, ordersToken);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain("unexpected 'aud' claim value");
  });

  it('1,000 concurrent bad tokens from one client cost 100 verifications, as 1,000 sequential ones do', async () => {
    const app = appFor(jwks, { invalidTokenLimit: { maxFailures: 100, windowMs: 60_000 } });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    try {
      const bad = await jwks.sign(claims(), { audience: 'https://someone-else/' });
      const statuses = await Promise.all(
        Array.from(
          { length: 1000 },
          (_, i) =>
            new Promise<number>((resolve, reject) => {
              const req = httpRequest(
                `http://127.0.0.1:${port}/things`,
                { agent, headers: { authorization: `Bearer ${bad}${i % 2 ? '' : 'x'}` } },
                (res) => {
                  res.resume();
                  res.on('end', () => resolve(res.statusCode ?? 0));
                },
              );
              req.on('error', reject);
              req.end();
            }),
        ),
      );
      expect(verifierOf(app)!.stats.rejected).toBe(100);
      expect(statuses.filter((s) => s === 401)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(900);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a JWKS answer over the size cap is refused unread: no key set, 503, never a parsed megabyte', async () => {
    const huge = await startJwksServer();
    try {
      huge.setRawBody(
        JSON.stringify({ keys: huge.keys.map((k) => k.jwk), padding: 'x'.repeat(1024 * 1024) }),
      );
      const res = await get(appFor(huge), await huge.sign(claims(), { audience: api.audience }));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ type: problemTypes.unavailable });
    } finally {
      await huge.stop();
    }
  });
});
