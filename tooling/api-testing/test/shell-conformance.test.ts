import { apis, loadApiEnv } from '@repo/auth-config';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createService,
  parseInput,
  problemContentType,
  requireScope,
  subjectOf,
} from '@repo/service-kit';
import { openPglite, type Database } from '@repo/service-kit/db';
import {
  captureLogs,
  runAuthMatrix,
  runCorsChecks,
  startJwksIssuer,
  type JwksIssuer,
} from '../src';
import { z } from 'zod';

// The conformance suites every API runs, against the bare shell first: a tiny service on it,
// with the orders API's registry entry standing in for any API.
const api = apis.orders;
const webOrigin = 'http://localhost:3999';
let idp: JwksIssuer;
let db: Database;
let app: Express;
let handlerCalls = 0;
const logs = captureLogs('shell-test');

beforeAll(async () => {
  idp = await startJwksIssuer();
  db = await openPglite();
  const config = loadApiEnv('orders', {
    source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idp.issuer, CORS_ALLOWED_ORIGINS: webOrigin },
    log: () => {},
  });
  app = createService({
    config,
    db,
    logger: logs.logger,
    routes: (router) => {
      router.get('/things', requireScope(api.scopes.read), (req, res) => {
        handlerCalls += 1;
        res.json({ sub: subjectOf(req) });
      });
      router.post('/things', requireScope(api.scopes.write), (req, res) => {
        handlerCalls += 1;
        const body = parseInput(z.strictObject({ name: z.string().min(1).max(50) }), req.body);
        res.status(201).json(body);
      });
      router.get('/boom', requireScope(api.scopes.read), () => {
        throw new Error('secret internal detail');
      });
    },
  });
});

afterAll(async () => {
  await idp.stop();
  await db.close();
});

const token = (scope: string = `${api.scopes.read} ${api.scopes.write}`) =>
  idp.mintAccessToken({ sub: 'auth0|tester', audience: api.audience, scope });

describe('auth matrix on GET', () => {
  runAuthMatrix({
    app: () => app,
    idp: () => idp,
    method: 'get',
    path: '/things',
    audience: api.audience,
    requiredScope: api.scopes.read,
    otherScopes: [api.scopes.write],
    handlerCalls: () => handlerCalls,
  });
});

describe('auth matrix on POST', () => {
  runAuthMatrix({
    app: () => app,
    idp: () => idp,
    method: 'post',
    path: '/things',
    audience: api.audience,
    requiredScope: api.scopes.write,
    otherScopes: [api.scopes.read],
    body: { name: 'x' },
    handlerCalls: () => handlerCalls,
  });
});

describe('CORS', () => {
  runCorsChecks({ app: () => app, path: '/things', method: 'GET', allowedOrigin: webOrigin });
});

describe('shell', () => {
  it('answers /healthz and /readyz without a token', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const ok = await request(app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(ok.headers['x-request-id']).toBe('abc-123');
    const bad = await request(app).get('/healthz').set('X-Request-Id', 'not ok; <script>');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id in problem bodies', async () => {
    const res = await request(app).get('/things').set('X-Request-Id', 'req-42');
    expect(res.body.requestId).toBe('req-42');
  });

  it('answers an unknown route with a 404 problem once authenticated', async () => {
    const res = await request(app)
      .get('/nope')
      .set('Authorization', `Bearer ${await token()}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain(problemContentType);
  });

  it('hides internal errors behind a 500 problem without a stack', async () => {
    const res = await request(app)
      .get('/boom')
      .set('Authorization', `Bearer ${await token()}`);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toContain(problemContentType);
    expect(res.text).not.toContain('secret internal detail');
    expect(res.text).not.toMatch(/at \S+ \(/);
  });

  it('refuses malformed JSON (400), a wrong content type (415) and an oversized body (413)', async () => {
    const auth = `Bearer ${await token()}`;
    const malformed = await request(app)
      .post('/things')
      .set('Authorization', auth)
      .type('json')
      .send('{"name":');
    expect(malformed.status).toBe(400);
    const text = await request(app)
      .post('/things')
      .set('Authorization', auth)
      .type('text/plain')
      .send('name=x');
    expect(text.status).toBe(415);
    const big = await request(app)
      .post('/things')
      .set('Authorization', auth)
      .send({ name: 'x'.repeat(100_000) });
    expect(big.status).toBe(413);
    for (const res of [malformed, text, big])
      expect(res.headers['content-type']).toContain(problemContentType);
  });

  it('lists every invalid field and rejects unknown ones', async () => {
    const res = await request(app)
      .post('/things')
      .set('Authorization', `Bearer ${await token()}`)
      .send({ name: '', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
  });

  it('never writes a token or a cookie into the logs', async () => {
    const secret = await token();
    await request(app)
      .get('/things')
      .set('Authorization', `Bearer ${secret}`)
      .set('Cookie', 'session=s3cr3t');
    await request(app).get(`/things?access_token=${secret}`);
    const all = logs.lines().join('\n');
    expect(all).toContain('/things');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('s3cr3t');
  });

  it('logs a refused preflight once, naming the origin and CORS_ALLOWED_ORIGINS', async () => {
    const preflight = () =>
      request(app)
        .options('/things')
        .set('Origin', 'https://other-site.example')
        .set('Access-Control-Request-Method', 'GET');
    const before = logs.lines().length;
    for (let i = 0; i < 3; i++) expect((await preflight()).status).toBe(403);
    const lines = logs
      .lines()
      .slice(before)
      .filter((l) => l.includes('CORS: refused'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('https://other-site.example');
    expect(lines[0]).toContain('CORS_ALLOWED_ORIGINS');
  });
});
