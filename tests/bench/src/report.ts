import type { DashboardResults } from './dashboard/cases';
import type { StoreThroughput } from './dashboard-throughput/cases';
import { renderDashboardThroughput } from './dashboard-throughput/report';
import type { Machine, Runtime } from './machine';
import { describePinning, type Pinning } from './pin';
import { round } from './stats';
import type {
  ColdCache,
  InvalidFlood,
  JwksFetches,
  LoadSettings,
  ProtectedVsUnprotected,
  Series,
  TracingCase,
} from './throughput/cases';
import type { VerifierCounters } from './throughput/protocol';
import type { VsSample } from './vs-sample/cases';
import { renderVsSample } from './vs-sample/report';

export interface BenchResults {
  readonly startedAt: Date;
  readonly totalSeconds: number;
  readonly machine: Machine;
  readonly loads: ReadonlyArray<{ readonly step: string; readonly load: number }>;
  readonly driver: string;
  readonly runtimes: readonly Runtime[];
  readonly pinning: Pinning;
  readonly settings: LoadSettings;
  readonly quick: boolean;
  readonly a: readonly ProtectedVsUnprotected[];
  readonly b: ColdCache;
  readonly c: JwksFetches;
  readonly d: DashboardResults;
  readonly f: InvalidFlood;
  readonly g: TracingCase;
  /** (h) orders-api vs Auth0's Express sample, Node 22 then Node 24. */
  readonly h: readonly VsSample[];
  /** (i) dashboard views per second against the anonymous home page, per session store. */
  readonly i: readonly StoreThroughput[];
  /** Whether orders-api ran with NODE_ENV=production in (h) (it needs DATABASE_URL for that). */
  readonly hProduction: boolean;
  /** Who answered: the head of packages/service-kit's history when the bench ran. */
  readonly serviceKitCommit: string;
}

const rps = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number) => n.toFixed(2);
const pass = (ok: boolean) => (ok ? 'yes' : '**no**');
const statuses = (s: Series) =>
  Object.entries(s.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
const counters = (c: VerifierCounters | null) =>
  c
    ? `cache hits ${c.cacheHits}, verified ${c.verified}, rejected ${c.rejected}, rate-limited ${c.rateLimited}`
    : 'not exposed by this service-kit';
const runsOf = (s: Series) =>
  s.runs
    .map((r) => `${rps(r.requestsPerSecond)} (${Math.round(r.serverCpuUsPerRequest)} µs)`)
    .join(' / ');
const cpu = (s: Series) => Math.round(s.medianCpuUs);

export function renderResults(r: BenchResults): string {
  const { settings } = r;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const machineRuntime = r.runtimes[0]!;
  const measured = r.d.points.filter((p) => p.delayMs > 0);
  const base = r.d.points.find((p) => p.delayMs === 0)?.medianMs ?? 0;
  const perView = r.d.steadyViews ? r.d.tokenCalls / r.d.steadyViews : NaN;
  const non2xx =
    r.a.reduce((n, a) => n + a.protectedSeries.non2xx + a.unprotectedSeries.non2xx, 0) +
    r.b.protectedSeries.non2xx;
  /** One row of the summary; "Overall" is met when every row is. */
  const met: boolean[] = [];
  const check = (name: string, value: string, target: string, ok: boolean) => {
    met.push(ok);
    push(`| ${name} | ${value} | ${target} | ${pass(ok)} |`);
  };

  push(
    '# Benchmark results',
    '',
    `Written by \`pnpm bench\` (bench/src/main.ts) on ${r.startedAt.toISOString()}; the whole run took ${Math.round(r.totalSeconds)} s.` +
      (r.quick ? ' **Quick mode (`--quick`): shortened runs, a smoke test, not results.**' : ''),
    `service-kit at ${r.serviceKitCommit}. Every figure below comes from this one run.`,
    '',
    '## Machine',
    '',
    `- CPU: ${r.machine.cpuModel}, ${r.machine.cores} cores.`,
    `- Load (1-min average): ${r.loads.map((l) => `${l.step} ${l.load.toFixed(2)}`).join('; ')}. The machine is shared with other work; a load near or above the core count means the figures are pessimistic and noisier.`,
    `- Node: ${r.runtimes.map((rt) => `${rt.label} ${rt.version}`).join(', ')}. The driver (IdP, Chromium) ran on ${r.driver}.`,
    `- Pinning: ${describePinning(r.pinning)}.`,
    `- Server CPU: the server process reports its own CPU time (\`process.cpuUsage()\`) before and after every run, so each run also gives the server's CPU µs per answered request. On a shared machine, where the server gets only part of its core, that figure stays put while req/s moves with the neighbours' load: "per server CPU-second" below is the throughput the server would reach on a core of its own.`,
    `- Load generator: autocannon, \`-c ${settings.connections} -p ${settings.pipelining}\`, GET /catalog, ${settings.runs} runs of ${settings.seconds} s per series after ${settings.warmupSeconds} s of warm-up; figures are medians of the runs' average req/s.`,
    '',
    '## Summary (acceptance)',
    '',
    '| Check | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
  );
  for (const a of r.a) {
    check(
      `(a) protected / unprotected throughput, warm cache, ${a.runtime.label}`,
      `${ratio(a.ratio)} (pairs: ${ratio(a.pairRatio)})`,
      '≥ 0.85',
      a.ratio >= 0.85,
    );
    check(
      `(a) the same per server CPU-second, ${a.runtime.label}`,
      ratio(a.cpuRatio),
      '≥ 0.85',
      a.cpuRatio >= 0.85,
    );
  }
  check(`(c) JWKS fetches over ${r.c.seconds} s`, String(r.c.fetches), '1', r.c.fetches === 1);
  if (r.d.proxied) {
    for (const p of measured) {
      check(
        `(d) dashboard latency at D = ${p.delayMs} ms`,
        `${Math.round(p.medianMs)} ms (${ratio(p.medianMs / p.delayMs)} × D)`,
        '≤ 1.25 × D',
        p.medianMs <= 1.25 * p.delayMs,
      );
      check(
        `(d) latency added by D = ${p.delayMs} ms (two delayed calls; serial would add 2 × D)`,
        `${Math.round(p.medianMs - base)} ms (${ratio((p.medianMs - base) / p.delayMs)} × D)`,
        '≈ 1 × D',
        (p.medianMs - base) / p.delayMs <= 1.25,
      );
    }
  } else check('(d) dashboard latency vs D', 'not measured (see below)', '≤ 1.25 × D', false);
  check(
    '(e) token-endpoint calls per steady-state view',
    `${r.d.tokenCalls} in ${r.d.steadyViews} views (${Number.isNaN(perView) ? 'n/a' : perView.toFixed(2)})`,
    '0',
    r.d.tokenCalls === 0 && r.d.steadyViews > 0,
  );
  check('non-2xx answers in (a) and (b)', String(non2xx), '0', non2xx === 0);
  for (const v of r.g.variants.filter((variant) => variant.bar < 1))
    check(
      `(g) ${v.label} / without the SDK, ${r.g.runtime.version}`,
      `${ratio(v.ratio)} (per round: ${ratio(v.pairRatio)}; per CPU-second ${ratio(v.cpuRatio)})`,
      `≥ ${v.bar}`,
      v.ratio >= v.bar,
    );
  for (const h of r.h) {
    const major = Number(/^v(\d+)/.exec(h.runtime.version)?.[1]);
    const target = major >= 24 ? 2.0 : 1.5;
    check(
      `(h) orders-api / Auth0's sample, GET /catalog, ${h.runtime.version}`,
      `${ratio(h.catalog.ratio)} (pairs: ${ratio(h.catalog.pairRatio)}; per CPU-second ${ratio(h.catalog.cpuRatio)}), non-2xx ${h.catalog.non2xx}`,
      `≥ ${target.toFixed(1)}, 0 non-2xx`,
      h.catalog.ratio >= target && h.catalog.non2xx === 0,
    );
    check(
      `(h) orders-api / bare Express 5, GET /healthz, ${h.runtime.version}`,
      `${ratio(h.healthz.ratio)} (pairs: ${ratio(h.healthz.pairRatio)}; per CPU-second ${ratio(h.healthz.cpuRatio)})`,
      '≥ 0.70',
      h.healthz.ratio >= 0.7,
    );
  }
  push(
    '',
    `Overall: ${met.every(Boolean) ? 'every target met.' : 'some targets are **not** met (see the table).'}`,
    '',
  );

  push(
    '## (a) Protected vs unprotected, warm cache',
    '',
    'The same orders-api app (`buildApp`, i.e. `createService` with its default verifier) serves GET /catalog (scope `read:orders`), with one RS256 token minted by the local IdP. The unprotected app is the same `buildApp` with a verifier that sets the same claims without looking at the token, so the difference is the token check alone. Runs alternate between the two.',
    '',
    '| Node | protected req/s | unprotected req/s | ratio of medians | median of pair ratios | server CPU µs/request, protected / unprotected | ratio per CPU-second | p99 protected / unprotected | non-2xx | verifier counters |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const a of r.a) {
    push(
      `| ${a.runtime.label} ${a.runtime.version} | ${rps(a.protectedSeries.medianRps)} | ${rps(a.unprotectedSeries.medianRps)} | ${ratio(a.ratio)} | ${ratio(a.pairRatio)} | ${cpu(a.protectedSeries)} / ${cpu(a.unprotectedSeries)} | ${ratio(a.cpuRatio)} | ${a.protectedSeries.medianP99} / ${a.unprotectedSeries.medianP99} ms | ${a.protectedSeries.non2xx + a.unprotectedSeries.non2xx} | ${counters(a.counters)} |`,
    );
  }
  push('', 'Runs (req/s, and server CPU µs per request):', '');
  for (const a of r.a)
    push(
      `- ${a.runtime.label} protected: ${runsOf(a.protectedSeries)}; unprotected: ${runsOf(a.unprotectedSeries)}`,
    );

  push(
    '',
    `## (b) Cold cache: a token the cache has not seen on every request (${machineRuntime.label})`,
    '',
    `A pool of ${r.b.poolSize} distinct tokens (more than the cache holds) is cycled in order, so under LRU no token is still cached when it comes round again.`,
    '',
    `- Median ${rps(r.b.protectedSeries.medianRps)} req/s, p99 ${r.b.protectedSeries.medianP99} ms; ${ratio(r.b.ratio)} × the unprotected median of (a) on the same Node. Server CPU ${cpu(r.b.protectedSeries)} µs per request: ${ratio(r.b.cpuRatio)} × the unprotected throughput per CPU-second. Runs: ${runsOf(r.b.protectedSeries)}.`,
    `- Answers: ${statuses(r.b.protectedSeries)}; errors ${r.b.protectedSeries.errors}. Verifier: ${counters(r.b.counters)}.`,
    '',
    `## (c) JWKS fetches over one ${r.c.seconds} s run (${machineRuntime.label})`,
    '',
    `A fresh server, then ${r.c.seconds} s of the cold-token load (every request needs the signing key). The IdP counted **${r.c.fetches}** GET /.well-known/jwks.json from the server's start to the end of the run, while the server answered ${rps(r.c.run.total)} requests (${rps(r.c.run.requestsPerSecond)} req/s, non-2xx ${r.c.run.non2xx}).`,
    '',
    '## (d) Dashboard latency when each API is delayed by D ms',
    '',
    "The real stack (`startStack`: local IdP, both APIs, the production build of web) with a delaying proxy in front of each API; Alice logs in through Chromium, then each view is a full `page.goto(/dashboard)`, timed from the document request to its last byte (Navigation Timing). The page calls both APIs in parallel, so the expected latency is about D plus the page's own time, not 2 × D.",
    '',
  );
  if (r.d.note) push(`> ${r.d.note}`, '');
  push(
    '| D (ms) | median latency (ms) | latency / D | latency − latency at D=0 (ms) | views (ms) | gap between the two API calls (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const p of r.d.points) {
    push(
      `| ${p.delayMs} | ${Math.round(p.medianMs)} | ${p.delayMs ? ratio(p.medianMs / p.delayMs) : '—'} | ${Math.round(p.medianMs - base)} | ${p.viewsMs.map((v) => Math.round(v)).join(', ')} | ${r.d.proxied ? round(p.medianStartGapMs, 1) : 'n/a'} |`,
    );
  }
  push(
    '',
    '## (e) Token-endpoint calls per steady-state dashboard view',
    '',
    `\`[local-idp] POST /oauth/token\` lines in the IdP's log during ${r.d.steadyViews} dashboard views after the first one: **${r.d.tokenCalls}**.`,
    '',
    `## (f) Rejecting a flood of invalid tokens (${machineRuntime.label})`,
    '',
    'A fresh server; one client sends, on every request, a token changed after signing, so that its signature does not match (invalid results are never cached).',
    '',
    `- Median ${rps(r.f.series.medianRps)} req/s, p99 ${r.f.series.medianP99} ms: ${ratio(r.f.ratioToValid)} × the protected warm-cache median of (a). Server CPU ${cpu(r.f.series)} µs per refused request (a valid warm-cache request: ${cpu(r.a[0]!.protectedSeries)} µs). Runs: ${runsOf(r.f.series)}.`,
    `- Answers: ${statuses(r.f.series)}; errors ${r.f.series.errors}. Verifier: ${counters(r.f.counters)}.`,
    '',
    ...renderTracing(r.g),
    '## (h) orders-api vs the sample a user would copy',
    '',
    `The real orders-api as its image runs it (bundled by \`bundle-api\`, started with the recipe's \`node --enable-source-maps --import ./dist/instrumentation.mjs dist/server.mjs\`), ${r.hProduction ? 'NODE_ENV=production with PostgreSQL' : 'outside production on PGlite (no DATABASE_URL given)'}, LOG_LEVEL=info: one access line per request) beside Auth0's Express sample (\`src/vs-sample/sample-server.ts\`, compiled to JavaScript like the bare app, so no server runs under tsx: Express 5, express-oauth2-jwt-bearer's \`auth()\` with issuer discovery, \`requiredScopes\`, the same JSON) on GET /catalog with the same token, and beside a bare Express 5 app on GET /healthz. The three servers run on the same Node, pinned to the server CPU; their stdout goes to one file. autocannon runs on Node 24 on the other CPU; the runs alternate which server goes first.`,
    '',
    ...renderVsSample(r.h),
    '',
    ...renderDashboardThroughput(r.i),
  );
  return lines.join('\n');
}

/** (g), also rendered alone by `pnpm bench --only tracing`. */
export function renderTracing(g: TracingCase): string[] {
  return [
    `## (g) Tracing (${g.runtime.label})`,
    '',
    'Protected GET /catalog, warm cache, three server processes side by side, runs rotating: without the OpenTelemetry SDK; with the SDK loaded and no `OTEL_EXPORTER_OTLP_ENDPOINT` (nothing registered); exporting OTLP/HTTP to a real receiver with `OTEL_TRACES_SAMPLER=parentbased_traceidratio`, `OTEL_TRACES_SAMPLER_ARG=0.1`.',
    '',
    '| variant | median req/s | p99 ms | server µs/request | ratio (req/s) | ratio per round | ratio (per CPU-second) | bar | met (req/s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...g.variants.map(
      (v) =>
        `| ${v.label} | ${rps(v.series.medianRps)} | ${v.series.medianP99} | ${cpu(v.series)} | ${ratio(v.ratio)} | ${ratio(v.pairRatio)} | ${ratio(v.cpuRatio)} | ${v.bar === 1 ? '' : `≥ ${v.bar}`} | ${v.bar === 1 ? '' : pass(v.ratio >= v.bar)} |`,
    ),
    '',
    `Spans received during the sampled runs: ${g.spansReceived} in ${g.exportRequests} export requests. Runs (req/s): ${g.variants.map((v) => `${v.label}: ${runsOf(v.series)}`).join('; ')}.`,
    '',
  ];
}
