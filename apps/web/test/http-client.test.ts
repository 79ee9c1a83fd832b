import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/lib/api/api-error';
import { createApiHttp, type ApiTiming } from '../src/lib/api/http-client';
import { ordersClient } from '../src/lib/api/orders-client';
import { profileClient } from '../src/lib/api/profile-client';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A real HTTP server on a free port; each test installs the handler it needs. */
let server: Server;
let baseUrl: string;
let handler: Handler = (_req, res) => res.end();
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] =
  [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
}

const problem = (status: number, detail: string) => ({
  type: 'https://example.test/problems/x',
  title: 'Problem',
  status,
  detail,
});

const order = {
  id: '0b6c8f2e-5d1a-4c3e-9f7a-2b4d6e8f0a1c',
  status: 'pending',
  items: [{ sku: 'TEA', name: 'Tea', quantity: 2, unitPriceCents: 400, lineTotalCents: 800 }],
  totalCents: 800,
  currency: 'EUR',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function http(overrides: Partial<Parameters<typeof createApiHttp>[0]> = {}) {
  return createApiHttp({
    api: 'orders',
    baseUrl,
    getToken: async () => 'tok-123',
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('API HTTP client', () => {
  it('sends the bearer token, a request id and the idempotency key, and parses the answer', async () => {
    handler = (_req, res) => {
      res.setHeader('Idempotent-Replayed', 'true');
      json(res, 201, { ...order, extra: 'kept' });
    };
    const timings: ApiTiming[] = [];
    const client = ordersClient(
      http({ newRequestId: () => 'req-1', onTiming: (t) => timings.push(t) }),
    );

    const { order: created, replayed } = await client.createOrder(
      { items: [{ sku: 'TEA', quantity: 2 }] },
      'key-1',
    );

    expect(created.id).toBe(order.id);
    expect(replayed).toBe(true);
    const last = seen.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.url).toBe('/orders');
    expect(last.headers.authorization).toBe('Bearer tok-123');
    expect(last.headers['x-request-id']).toBe('req-1');
    expect(last.headers['idempotency-key']).toBe('key-1');
    expect(JSON.parse(last.body)).toEqual({ items: [{ sku: 'TEA', quantity: 2 }] });
    expect(timings).toHaveLength(1);
    expect(timings[0]).toMatchObject({ api: 'orders', status: 201, requestId: 'req-1' });
  });

  it('keeps a base path and encodes query and path parameters', async () => {
    handler = (_req, res) => json(res, 200, { items: [], nextCursor: null });
    const client = ordersClient(http({ baseUrl: `${baseUrl}/v1/` }));
    await client.listOrders({ limit: 5, cursor: 'a b&c' });
    expect(seen.at(-1)!.url).toBe('/v1/orders?limit=5&cursor=a+b%26c');

    handler = (_req, res) => json(res, 200, { ...order, status: 'cancelled' });
    await client.cancelOrder('../x?y');
    expect(seen.at(-1)!.url).toBe('/v1/orders/..%2Fx%3Fy/cancel');
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'unprocessable'],
    [400, 'bad-request'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('maps HTTP %i to kind %s and keeps the problem body', async (status, kind) => {
    handler = (_req, res) =>
      json(res, status, problem(status, `detail ${status}`), 'application/problem+json');
    const error = await failure(ordersClient(http()).catalog());
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.problem?.detail).toBe(`detail ${status}`);
    expect(error.message).toContain(`detail ${status}`);
  });

  it('still types an error whose body is not problem+json', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    const error = await failure(ordersClient(http()).catalog());
    expect(error.kind).toBe('server');
    expect(error.problem).toBeUndefined();
    expect(error.message).toContain('HTTP 502');
  });

  it('rejects an answer that does not match the contract', async () => {
    handler = (_req, res) =>
      json(res, 200, { items: [{ sku: 'tea', name: 'Tea', priceCents: 'free' }] });
    const error = await failure(ordersClient(http()).catalog());
    expect(error.kind).toBe('invalid-response');
  });

  it('rejects a 200 whose body is not JSON', async () => {
    handler = (_req, res) => res.end('not json');
    const error = await failure(profileClient(http({ api: 'profile' })).me());
    expect(error.kind).toBe('invalid-response');
    expect(error.api).toBe('profile');
  });

  it('times out a server that never answers, in about the configured time', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await failure(ordersClient(http({ timeoutMs: 150 })).catalog());
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a body that stalls after the headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"items":');
    };
    const error = await failure(ordersClient(http({ timeoutMs: 150 })).catalog());
    expect(error.kind).toBe('timeout');
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      ordersClient(http({ baseUrl: `http://127.0.0.1:${port}` })).catalog(),
    );
    expect(error.kind).toBe('unreachable');
  });

  it('makes no request when no token can be had, and says to sign in again', async () => {
    const before = seen.length;
    const error = await failure(
      ordersClient(
        http({
          getToken: async () => {
            throw new Error('The access token has expired and a refresh token was not provided.');
          },
        }),
      ).catalog(),
    );
    expect(error.kind).toBe('unauthorized');
    expect(seen.length).toBe(before);
  });

  it('sends PATCH bodies for the profile and parses the profile', async () => {
    const profile = {
      sub: 'auth0|alice',
      email: 'alice@example.com',
      displayName: 'Alice',
      locale: 'en',
      notifications: 'all',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    handler = (_req, res, body) => json(res, 200, { ...profile, ...JSON.parse(body) });
    const updated = await profileClient(http({ api: 'profile' })).updateMe({
      displayName: 'Alice A.',
    });
    expect(updated.displayName).toBe('Alice A.');
    expect(seen.at(-1)!.method).toBe('PATCH');
    expect(seen.at(-1)!.headers['content-type']).toBe('application/json');
  });
});

describe('a refused token', () => {
  it('says what the API said: an audience mismatch is a configuration error, reported once', async () => {
    const refusals: unknown[] = [];
    handler = (_req, res) => {
      res.writeHead(401, {
        'Content-Type': 'application/problem+json',
        'WWW-Authenticate': `Bearer realm="https://api.example.com/orders", error="invalid_token", error_description="unexpected 'aud' claim value"`,
      });
      res.end(
        JSON.stringify({
          type: 'https://api.example.com/problems/invalid-token',
          title: 'Unauthorized',
          status: 401,
          detail: "unexpected 'aud' claim value",
        }),
      );
    };
    const error = await failure(
      ordersClient(http({ onRefusal: (r) => refusals.push(r) })).catalog(),
    );
    expect(error.kind).toBe('misconfigured');
    expect(error.challenge).toEqual({
      error: 'invalid_token',
      description: "unexpected 'aud' claim value",
    });
    expect(refusals).toEqual([
      {
        api: 'orders',
        status: 401,
        error: 'invalid_token',
        description: "unexpected 'aud' claim value",
      },
    ]);
  });

  it('an expired token is not a configuration error', async () => {
    handler = (_req, res) => {
      res.writeHead(401, {
        'WWW-Authenticate':
          'Bearer realm="x", error="invalid_token", error_description="\'exp\' claim timestamp check failed"',
      });
      res.end();
    };
    expect((await failure(ordersClient(http()).catalog())).kind).toBe('unauthorized');
  });
});
