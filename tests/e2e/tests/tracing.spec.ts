import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { apis, localWebClient, scopesOf, services } from '@repo/auth-config';
import { freePort } from '@repo/test-harness/free-port';
import { loginOverHttp } from '@repo/test-harness/oauth-login';
import {
  otlpEnv,
  spanTree,
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from '@repo/test-harness/otlp-receiver';
import { signIn } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';

/**
 * Issue 20's acceptance, on the whole product as processes: every app exports OTLP/HTTP to the
 * harness's receiver (what a collector is in production) and serves /metrics on its own
 * METRICS_PORT.
 */
interface Traced {
  readonly stack: Stack;
  readonly receiver: OtlpReceiver;
  readonly metricsPorts: Readonly<Record<'web' | 'orders-api' | 'profile-api', number>>;
}

const test = base.extend<object, { traced: Traced }>({
  traced: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const receiver = await startOtlpReceiver();
      const [web, orders, profile] = await Promise.all([freePort(), freePort(), freePort()]);
      const metricsPorts = { web: web!, 'orders-api': orders!, 'profile-api': profile! };
      const stack = await startStack({
        logDir: join(workerInfo.project.outputDir, 'logs-tracing'),
        appEnv: otlpEnv(receiver),
        // One line per request: the orders-api line of a traced request is looked for.
        apiLogLevel: 'info',
        env: {
          web: { METRICS_PORT: String(metricsPorts.web) },
          'orders-api': { METRICS_PORT: String(metricsPorts['orders-api']) },
          'profile-api': { METRICS_PORT: String(metricsPorts['profile-api']) },
        },
      });
      try {
        await use({ stack, receiver, metricsPorts });
      } finally {
        await stack.stopAll();
        await receiver.close();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.describe.configure({ mode: 'serial' });

const SERVER = 2;
const inTrace = (spans: readonly ReceivedSpan[], traceId: string) =>
  spans.filter((s) => s.traceId === traceId);
const isDb = (s: ReceivedSpan) => s.attributes['db.system.name'] === 'postgresql';

/** Every span but the root has its parent in the trace: no broken link anywhere. */
function expectLinked(spans: readonly ReceivedSpan[]) {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => !ids.has(s.parentSpanId));
  expect(roots.map((s) => `${s.service}: ${s.name}`)).toHaveLength(1);
  return roots[0]!;
}

/** The chain of services from `span` up to the root: `["profile-api", "orders-api", "web"]`. */
function ancestry(spans: readonly ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain = [span];
  for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) chain.push(p);
  return chain;
}

test('alice opens the dashboard: one trace holds web, orders-api, profile-api and the database, linked parent to child', async ({
  page,
  traced,
}, testInfo) => {
  const { stack, receiver } = traced;
  await signIn(page, 'alice', stack.webUrl);
  const before = receiver.spans().length;
  await page.goto(`${stack.webUrl}/dashboard`);
  await expect(page.getByRole('region', { name: /profile/i })).toContainText('alice@example.com');

  // Web's server span for the page, then the whole trace once both APIs' database spans are in.
  const spans = await receiver.waitFor((all) => {
    const root = all
      .slice(before)
      .find((s) => s.service === 'web' && s.kind === SERVER && s.name.includes('/dashboard'));
    if (!root) return false;
    const mine = inTrace(all, root.traceId);
    return ['orders-api', 'profile-api'].every((svc) =>
      mine.some((s) => s.service === svc && isDb(s)),
    );
  });
  const traceId = spans
    .slice(before)
    .find(
      (s) => s.service === 'web' && s.kind === SERVER && s.name.includes('/dashboard'),
    )!.traceId;
  const trace = inTrace(spans, traceId);
  const tree = spanTree(spans, traceId);
  console.log(`dashboard trace ${traceId}:\n${tree}`);
  await testInfo.attach('dashboard-trace.txt', { body: tree, contentType: 'text/plain' });

  expect(expectLinked(trace).service).toBe('web');
  for (const api of ['orders-api', 'profile-api']) {
    const server = trace.find((s) => s.service === api && s.kind === SERVER)!;
    expect(server, `${api} server span`).toBeDefined();
    // The API's server span hangs under web's (through web's client span for the call).
    expect(ancestry(trace, server).at(-1)!.service).toBe('web');
    const db = trace.find((s) => s.service === api && isDb(s))!;
    expect(ancestry(trace, db).map((s) => s.service)).toContain('web');
  }
});

test('the admin list: one trace holds orders-api, its token fetch, profile-api GET /profiles and its database; the orders-api log line carries the trace id', async ({
  traced,
}, testInfo) => {
  const { stack, receiver } = traced;
  const { accessToken } = await loginOverHttp({
    issuer: `${stack.idpUrl}/`,
    clientId: localWebClient.clientId,
    clientSecret: localWebClient.clientSecret,
    redirectUri: `http://localhost:${services.web.port}/auth/callback`,
    username: 'admin',
    audience: apis.orders.audience,
    scope: ['openid', ...scopesOf('orders')].join(' '),
  });
  const before = receiver.spans().length;
  const res = await fetch(`${stack.apiUrls.orders}/admin/orders?limit=20`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(res.status).toBe(200);

  const isRoot = (s: ReceivedSpan) =>
    s.service === 'orders-api' && s.kind === SERVER && s.name === 'GET /admin/orders';
  const spans = await receiver.waitFor((all) => {
    const root = all.slice(before).find(isRoot);
    return !!root && inTrace(all, root.traceId).some((s) => s.service === 'profile-api' && isDb(s));
  });
  const traceId = spans.slice(before).find(isRoot)!.traceId;
  const trace = inTrace(spans, traceId);
  const tree = spanTree(spans, traceId);
  console.log(`admin trace ${traceId}:\n${tree}`);
  await testInfo.attach('admin-trace.txt', { body: tree, contentType: 'text/plain' });

  expect(expectLinked(trace).name).toBe('GET /admin/orders');
  // The first call of this process: no cached service token yet, so the trace holds its fetch.
  const tokenFetch = trace.find((s) => s.name === 'oauth token (client_credentials)');
  expect(tokenFetch?.service).toBe('orders-api');
  const profilesServer = trace.find(
    (s) => s.service === 'profile-api' && s.kind === SERVER && s.name === 'GET /profiles',
  )!;
  expect(profilesServer).toBeDefined();
  expect(ancestry(trace, profilesServer).map((s) => s.name)).toEqual([
    'GET /profiles',
    'GET /profiles',
    'GET /admin/orders',
  ]);
  const db = trace.find((s) => s.service === 'profile-api' && isDb(s))!;
  expect(ancestry(trace, db).map((s) => s.service)).toEqual([
    'profile-api',
    'profile-api',
    'orders-api',
    'orders-api',
  ]);

  // The same request in orders-api's own log: from the line to the trace.
  await expect
    .poll(() =>
      stack
        .readLog('orders-api')
        .split('\n')
        .filter((l) => l.includes(`"trace_id":"${traceId}"`) && l.includes('/admin/orders')),
    )
    .not.toHaveLength(0);
});

test('no token, cookie, secret, code, state or logout_token in any span of a login and a dashboard view', async ({
  page,
  context,
  traced,
}) => {
  const { stack, receiver } = traced;
  const codes: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/auth/callback')
      for (const name of ['code', 'state']) {
        const value = url.searchParams.get(name);
        if (value) codes.push(value);
      }
  });
  await signIn(page, 'bob', stack.webUrl);
  await page.goto(`${stack.webUrl}/dashboard`);
  await expect(page.getByRole('region', { name: /orders/i })).toBeVisible();
  const cookies = (await context.cookies()).map((c) => c.value).filter((v) => v.length >= 16);
  expect(codes.length).toBeGreaterThan(0);
  // The callback's own span is exported (so the search below covers it): its http.target,
  // which Next.js records from the whole request URL, keeps only the path.
  const spans = await receiver.waitFor((all) =>
    all.some((s) => s.service === 'web' && s.attributes['http.target'] === '/auth/callback'),
  );
  const secrets = [...codes, ...cookies, localWebClient.clientSecret];
  const leaks = spans.filter(
    (s) =>
      secrets.some((secret) => s.json.includes(secret)) ||
      /eyJ[\w-]{10,}\.eyJ|[Bb]earer |logout_token|[?&](code|state)=/.test(s.json),
  );
  expect(leaks.map((s) => `${s.service}: ${s.name} ${s.json.slice(0, 300)}`)).toEqual([]);
});

test('/metrics after a short load: token-cache hits and latency buckets on METRICS_PORT; the public port answers 404', async ({
  traced,
}) => {
  const { stack, metricsPorts } = traced;
  const { accessToken } = await loginOverHttp({
    issuer: `${stack.idpUrl}/`,
    clientId: localWebClient.clientId,
    clientSecret: localWebClient.clientSecret,
    redirectUri: `http://localhost:${services.web.port}/auth/callback`,
    username: 'alice',
    audience: apis.orders.audience,
    scope: ['openid', ...scopesOf('orders')].join(' '),
  });
  for (let i = 0; i < 20; i += 1) {
    const res = await fetch(`${stack.apiUrls.orders}/orders`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
  }
  const scrape = await fetch(`http://127.0.0.1:${metricsPorts['orders-api']}/metrics`);
  expect(scrape.status).toBe(200);
  const text = await scrape.text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
  expect(value(/^auth_token_cache_requests_total\{result="hit"\} (\d+)/m)).toBeGreaterThan(0);
  // The +Inf bucket of GET /orders answered 200: every request of the load is in it.
  const infBucket = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('http_server_request_duration_seconds_bucket{') &&
        ['le="+Inf"', 'route="/orders"', 'status_code="200"'].every((label) => l.includes(label)),
    );
  expect(Number(infBucket?.split(' ').at(-1))).toBeGreaterThanOrEqual(20);
  console.log(
    text
      .split('\n')
      .filter((l) =>
        /^(auth_token_cache_requests_total|service_token_requests_total|http_server_request_duration_seconds_bucket\{le="0.0(05|1)",method="GET",route="\/orders")/.test(
          l,
        ),
      )
      .join('\n'),
  );

  // Never on the public ports.
  expect((await fetch(`${stack.apiUrls.orders}/metrics`)).status).toBe(404);
  expect((await fetch(`${stack.webUrl}/metrics`)).status).toBe(404);
  // Web's own listener: its API calls and session store timings (the views of the tests above;
  // this file runs serially, in order).
  const web = await (await fetch(`http://127.0.0.1:${metricsPorts.web}/metrics`)).text();
  expect(web).toMatch(/^web_api_call_duration_seconds_count\{api="orders",status="200"\} [1-9]/m);
  expect(web).toMatch(
    /^web_session_store_duration_seconds_count\{operation="\w+",outcome="ok"\} [1-9]/m,
  );
});
