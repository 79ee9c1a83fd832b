import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apis, loadApiEnv } from '@repo/auth-config';
import { startTracing, type Tracing } from '@repo/telemetry';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createService, requireScope, subjectOf } from '../../src';
import { openPglite, type Database } from '../../src/db';
import { startJwksServer, type JwksServer } from '../support/jwks-server';

const api = apis.orders;
const caller = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const traceparent = `00-${caller.traceId}-${caller.spanId}-01`;

let jwks: JwksServer;
let db: Database;
let tracing: Tracing;
const exporter = new InMemorySpanExporter();
const lines: string[] = [];
let app: Express;

beforeAll(async () => {
  jwks = await startJwksServer();
  db = await openPglite();
  await db.exec('create table things (sub text not null, name text not null)');
  tracing = startTracing(
    {
      serviceName: api.serviceName,
      resourceAttributes: {},
      metrics: undefined,
      traces: {
        url: 'http://unused.invalid/v1/traces',
        protocol: 'http/protobuf',
        sampler: 'parentbased_always_on',
        ratio: 1,
        scheduleDelayMs: 10,
        propagators: ['tracecontext'],
      },
    },
    { exporter },
  );
  const config = loadApiEnv('orders', {
    source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: jwks.issuer },
    log: () => {},
  });
  app = createService({
    config,
    db,
    logger: createLogger({
      serviceName: api.serviceName,
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    }),
    routes: (router) => {
      router.get('/things/:name', requireScope(api.scopes.read), async (req, res) => {
        const rows = await db.query('select name from things where sub = $1 and name = $2', [
          subjectOf(req),
          req.params.name,
        ]);
        req.log!.info('looked the thing up');
        res.json({ found: rows.length });
      });
      // A body is parsed from the request's events: what runs after it must stay in the trace.
      router.post('/things', requireScope(api.scopes.write), async (req, res) => {
        await db.query('insert into things (sub, name) values ($1, $2)', [
          subjectOf(req),
          String((req.body as { name?: unknown }).name),
        ]);
        res.status(201).json({});
      });
    },
  });
});

afterAll(async () => {
  await tracing.shutdown();
  await db.close();
  await jwks.stop();
});

beforeEach(() => {
  exporter.reset();
  lines.length = 0;
});

async function finishedSpans(): Promise<ReadableSpan[]> {
  await tracing.forceFlush();
  return exporter.getFinishedSpans();
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
let serial = 0;
/** A new token each time (a jti of its own): the first check of each is a cache miss. */
const token = (scope: string = api.scopes.read) =>
  jwks.sign({ sub: 'auth0|alice', scope, jti: String(++serial) }, { audience: api.audience });

describe('a traced request to an API', () => {
  it('continues the caller’s trace: server span → token check (→ JWKS fetch) and → the query', async () => {
    const res = await request(app)
      .get('/things/lamp?colour=red')
      .set('traceparent', traceparent)
      .set('Authorization', `Bearer ${await token()}`);
    expect(res.status).toBe(200);

    const spans = await finishedSpans();
    const byName = (name: string) => spans.find((s) => s.name === name);
    const server = byName('GET /things/:name');
    const verify = byName('verify access token');
    const jwksFetch = byName('JWKS fetch');
    const select = byName('SELECT things');
    expect(server, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(spans.every((s) => s.spanContext().traceId === caller.traceId)).toBe(true);
    expect(parentOf(server!)).toBe(caller.spanId);
    expect(parentOf(verify!)).toBe(server!.spanContext().spanId);
    expect(parentOf(jwksFetch!)).toBe(verify!.spanContext().spanId);
    expect(parentOf(select!)).toBe(server!.spanContext().spanId);
    expect(server!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/things/:name',
      'url.path': '/things/lamp',
      'http.response.status_code': 200,
    });
    expect(verify!.attributes).toMatchObject({
      'auth.token_cache': 'miss',
      'auth.outcome': 'valid',
    });
    expect(jwksFetch!.attributes).toMatchObject({ 'url.full': jwks.jwksUri, 'auth.jwks.keys': 1 });
    expect(select!.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.operation.name': 'SELECT',
      'db.query.text': 'select name from things where sub = $1 and name = $2',
    });

    // The handler's line and the access log line carry the server span's ids.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const msg of ['looked the thing up', 'request completed'])
      expect(logged.find((l) => l.msg === msg)).toMatchObject({
        trace_id: caller.traceId,
        span_id: server!.spanContext().spanId,
      });
  });

  it('says which check was a cache hit', async () => {
    const same = await token();
    for (let i = 0; i < 2; i++)
      await request(app).get('/things/lamp').set('Authorization', `Bearer ${same}`).expect(200);
    const checks = (await finishedSpans()).filter((s) => s.name === 'verify access token');
    expect(checks.map((s) => s.attributes['auth.token_cache'])).toEqual(['miss', 'hit']);
  });

  it('keeps what runs after a JSON body that arrived later in the request’s trace', async () => {
    const listener = app.listen(0, '127.0.0.1');
    await once(listener, 'listening');
    try {
      const { port } = listener.address() as AddressInfo;
      const body = JSON.stringify({ name: 'desk' });
      const req = httpRequest({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/things',
        headers: {
          traceparent,
          authorization: `Bearer ${await token(api.scopes.write)}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      // Headers first, the body a moment later: it is read from the socket's own events.
      req.flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.end(body);
      const [res] = (await once(req, 'response')) as [IncomingMessage];
      res.resume();
      expect(res.statusCode).toBe(201);
    } finally {
      listener.close();
    }
    const spans = await finishedSpans();
    const server = spans.find((s) => s.name === 'POST /things');
    const insert = spans.find((s) => s.name === 'INSERT things');
    expect(insert && parentOf(insert)).toBe(server!.spanContext().spanId);
  });

  it('records neither a query string nor a token, even one refused in the URL', async () => {
    const jwt = await token();
    await request(app).get(`/things/lamp?access_token=${jwt}`).set('traceparent', traceparent);
    await request(app).get('/things/lamp').set('Authorization', `Bearer ${jwt}x`);
    const spans = await finishedSpans();
    expect(spans.length).toBeGreaterThan(0);
    const recorded = JSON.stringify(
      spans.map((s) => ({
        name: s.name,
        attributes: s.attributes,
        events: s.events,
        status: s.status,
      })),
    );
    expect(recorded).not.toContain(jwt.slice(0, 40));
    expect(recorded).not.toContain('access_token');
    expect(recorded).not.toMatch(/eyJ[\w-]+\./);
  });

  it('names a request that matched no route by its method only', async () => {
    await request(app)
      .get('/nothing/here/42')
      .set('Authorization', `Bearer ${await token()}`);
    const server = (await finishedSpans()).find(
      (s) => s.attributes['url.path'] === '/nothing/here/42',
    );
    expect(server?.name).toBe('GET');
    expect(server?.attributes['http.response.status_code']).toBe(404);
  });
});
