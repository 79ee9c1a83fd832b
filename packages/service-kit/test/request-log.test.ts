import { loadApiEnv } from '@repo/auth-config';
import helmet from 'helmet';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createService,
  HttpProblem,
  problemTypes,
  type RequestLogFields,
} from '../src';
import { openPglite, type Database } from '../src/db';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => {
  await db.close().catch(() => {});
});

const config = loadApiEnv('orders', {
  source: {
    USE_LOCAL_IDP: 'true',
    AUTH0_DOMAIN: 'http://localhost:1',
    CORS_ALLOWED_ORIGINS: 'http://localhost:3999',
  },
  log: () => {},
});

/** A service whose verifier accepts any bearer token, logging into memory. */
function service(level = 'info', fields?: RequestLogFields) {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = createLogger({
    serviceName: 'log-test',
    level,
    destination: {
      write: (line: string) => {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  const app = createService({
    config,
    db,
    logger,
    requestLogFields: fields,
    verifyToken: (req, _res, next) => {
      Object.assign(req, { auth: { payload: { sub: 'u', scope: 'read:orders' }, header: {} } });
      next();
    },
    routes: (router) => {
      router.get('/things/:id', (_req, res) => void res.json({ ok: true }));
      router.get('/boom', () => {
        throw new Error('boom');
      });
      router.get('/teapot', (_req, _res, next) =>
        next(new HttpProblem(418, problemTypes.badRequest, 'no')),
      );
    },
  });
  return { app, lines, raw };
}

const access = (lines: Array<Record<string, unknown>>) =>
  lines.filter((l) =>
    ['request completed', 'request errored', 'request aborted'].includes(String(l.msg)),
  );

describe('the access log: one line per request', () => {
  it('has the request (id, method, URL, route), the status and the time taken, at info', async () => {
    const { app, lines } = service();
    const res = await request(app)
      .get('/things/42?x=1')
      .set('Authorization', 'Bearer abc.def.ghi')
      .set('X-Request-Id', 'req-1')
      .set('User-Agent', 'tests');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-1');
    const [line, ...more] = access(lines);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      service: 'log-test',
      msg: 'request completed',
      req: {
        id: 'req-1',
        method: 'GET',
        url: '/things/42?x=1',
        route: '/things/:id',
        userAgent: 'tests',
      },
      res: { statusCode: 200 },
    });
    expect(typeof line!.responseTime).toBe('number');
  });

  it('logs 4xx at warn and 5xx at error ("request errored"), the 5xx also through req.log', async () => {
    const { app, lines } = service();
    await request(app).get('/teapot').set('Authorization', 'Bearer abc');
    await request(app).get('/boom').set('Authorization', 'Bearer abc');
    const [teapot, boom] = access(lines);
    expect(teapot).toMatchObject({ level: 40, res: { statusCode: 418 }, msg: 'request completed' });
    expect(boom).toMatchObject({ level: 50, res: { statusCode: 500 }, msg: 'request errored' });
    const failed = lines.find((l) => l.msg === 'request failed');
    expect(failed).toMatchObject({ level: 50, req: { method: 'GET', url: '/boom' } });
    expect((failed!.err as { message: string }).message).toBe('boom');
  });

  it('never writes a token: not from the header, not from a refused query string', async () => {
    const { app, raw } = service('trace');
    await request(app).get('/things/1').set('Authorization', 'Bearer secret.token.value');
    await request(app).get('/things/1?access_token=secret.token.value');
    expect(raw.length).toBeGreaterThanOrEqual(2);
    for (const line of raw) expect(line).not.toContain('secret.token.value');
  });

  it('adds the fields of the hook (e.g. trace_id)', async () => {
    const { app, lines } = service('info', () => ({ trace_id: 't-1' }));
    await request(app).get('/healthz');
    expect(access(lines)[0]).toMatchObject({ trace_id: 't-1', req: { url: '/healthz' } });
  });

  it('writes nothing when its level is off', async () => {
    const { app, lines } = service('warn');
    await request(app).get('/healthz');
    expect(access(lines)).toEqual([]);
  });
});

describe('security headers', () => {
  it("are exactly helmet's defaults", async () => {
    const bare = express().use(helmet());
    bare.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
    const theirs = await request(bare).get('/healthz');
    const ours = await request(service().app).get('/healthz');
    const helmetNames = Object.keys(theirs.headers).filter(
      (name) =>
        !['content-type', 'content-length', 'date', 'connection', 'etag', 'keep-alive'].includes(
          name,
        ),
    );
    expect(helmetNames.length).toBeGreaterThan(8);
    for (const name of helmetNames) expect(ours.headers[name]).toBe(theirs.headers[name]);
    expect(ours.headers['x-powered-by']).toBeUndefined();
  });
});
