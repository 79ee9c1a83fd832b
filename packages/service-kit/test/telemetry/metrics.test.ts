import { apis, loadApiEnv } from '@repo/auth-config';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createLogger,
  createService,
  requireScope,
  startServer,
  type StartedServer,
} from '../../src';
import { openPglite, type Database } from '../../src/db';
import { startJwksServer, type JwksServer } from '../support/jwks-server';

const api = apis.orders;
let jwks: JwksServer;
let db: Database;
let server: StartedServer;

beforeAll(async () => {
  jwks = await startJwksServer();
  db = await openPglite();
  const config = loadApiEnv('orders', {
    source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: jwks.issuer },
    log: () => {},
  });
  const logger = createLogger({ serviceName: api.serviceName, level: 'silent' });
  const app = createService({
    config,
    db,
    logger,
    routes: (router) => {
      router.get('/things/:id', requireScope(api.scopes.read), (_req, res) => {
        res.json({});
      });
    },
  });
  server = await startServer(app, {
    host: '127.0.0.1',
    port: 0,
    logger,
    db,
    metrics: { host: '127.0.0.1', port: 0 },
  });
});

afterAll(async () => {
  await server.shutdown('test');
  await jwks.stop();
});

/** One sample's value, e.g. `auth_token_cache_requests_total{result="hit"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

it('serves on METRICS_PORT what the token checks, refusals and latencies were; the public port has no /metrics', async () => {
  const token = await jwks.sign(
    { sub: 'auth0|alice', scope: api.scopes.read },
    { audience: api.audience },
  );
  const noScope = await jwks.sign({ sub: 'auth0|bob', scope: '' }, { audience: api.audience });
  const get = (path: string) => request(server.url).get(path);
  for (let i = 0; i < 3; i++)
    await get('/things/1').set('Authorization', `Bearer ${token}`).expect(200);
  await get('/things/1').expect(401);
  await get(`/things/1?access_token=${token}`).expect(400);
  await get('/things/1').set('Authorization', `Bearer ${token}x`).expect(401);
  await get('/things/1').set('Authorization', `Bearer ${noScope}`).expect(403);

  const publicMetrics = await get('/metrics');
  expect(publicMetrics.status).toBe(404);
  expect(publicMetrics.type).toBe('application/problem+json');

  expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  const res = await fetch(server.metricsUrl!);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(sample(text, 'auth_token_cache_requests_total{result="hit"}')).toBe(2);
  expect(sample(text, 'auth_token_cache_requests_total{result="miss"}')).toBe(3);
  expect(sample(text, 'auth_token_verifications_total{outcome="valid"}')).toBe(2);
  expect(sample(text, 'auth_token_verifications_total{outcome="invalid"}')).toBe(1);
  expect(sample(text, 'auth_invalid_token_limiter_decisions_total{decision="limited"}')).toBe(0);
  expect(sample(text, 'auth_jwks_fetches_total{reason="initial",outcome="ok"}')).toBe(1);
  for (const reason of ['missing_token', 'invalid_request', 'invalid_token', 'insufficient_scope'])
    expect(sample(text, `http_refusals_total{reason="${reason}"}`), reason).toBe(1);
  expect(
    sample(
      text,
      'http_server_request_duration_seconds_count{method="GET",route="/things/:id",status_code="200"}',
    ),
  ).toBe(3);
  expect(
    sample(
      text,
      'http_server_request_duration_seconds_bucket{le="10",method="GET",route="/things/:id",status_code="200"}',
    ),
  ).toBe(3);
  // PGlite has no pool: no connection gauge rather than a made-up one.
  expect(text).not.toMatch(/^db_client_connections\{/m);
  expect(text).toContain('process_cpu_seconds_total');
});
