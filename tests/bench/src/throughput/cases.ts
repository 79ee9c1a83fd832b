import type { Runtime } from '../machine';
import type { Pinning } from '../pin';
import { median } from '../stats';
import {
  runClient,
  startServerProcess,
  type ClientArgs,
  type ClientResult,
  type ServerProcess,
} from './load';
import type { ServerArgs, VerifierCounters } from './protocol';

export interface LoadSettings {
  readonly seconds: number;
  readonly runs: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

/** What every case needs from the driver: the settings, the pinning, and files for the clients. */
export interface LoadContext {
  readonly settings: LoadSettings;
  readonly pinning: Pinning;
  readonly serverArgs: ServerArgs;
  /** Writes a JSON file for a client process and returns its path. */
  file(name: string, value: unknown): string;
  log(line: string): void;
}

export const catalogPath = '/catalog';

/** One autocannon run, and the server CPU it cost per answered request. */
export interface RunResult extends ClientResult {
  readonly serverCpuUsPerRequest: number;
}

export interface Series {
  readonly runs: readonly RunResult[];
  readonly medianRps: number;
  readonly medianP99: number;
  /** Median server CPU time per answered request, in µs: unaffected by who else uses the core. */
  readonly medianCpuUs: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

function series(runs: RunResult[]): Series {
  const statuses: Record<string, number> = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    runs,
    medianRps: median(runs.map((r) => r.requestsPerSecond)),
    medianP99: median(runs.map((r) => r.latencyP99)),
    medianCpuUs: median(runs.map((r) => r.serverCpuUsPerRequest)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors + r.timeouts, 0),
    statuses,
  };
}

const delta = (
  before: VerifierCounters | null,
  after: VerifierCounters | null,
): VerifierCounters | null =>
  before && after
    ? {
        cacheHits: after.cacheHits - before.cacheHits,
        verified: after.verified - before.verified,
        rejected: after.rejected - before.rejected,
        rateLimited: after.rateLimited - before.rateLimited,
      }
    : null;

/** A token source for a client: one token every time, or a pool cycled in order. */
class Tokens {
  private offset = 0;
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}
  args(url: string, seconds: number, settings: LoadSettings): ClientArgs {
    return {
      url,
      path: catalogPath,
      tokensFile: this.file,
      tokenOffset: this.offset % this.size,
      connections: settings.connections,
      pipelining: settings.pipelining,
      seconds,
    };
  }
  advance(sent: number): void {
    this.offset += sent;
  }
}

interface Target {
  readonly server: ServerProcess;
  readonly url: string;
}

async function run(
  ctx: LoadContext,
  runtime: Runtime,
  tokens: Tokens,
  target: Target,
  seconds: number,
  tag: string,
): Promise<RunResult> {
  const before = await target.server.sample();
  const result = await runClient(
    runtime,
    ctx.pinning,
    ctx.file(`${tag}.json`, tokens.args(target.url, seconds, ctx.settings)),
  );
  const after = await target.server.sample();
  tokens.advance(result.sent);
  const serverCpuUsPerRequest = (after.cpuMicros - before.cpuMicros) / Math.max(1, result.total);
  ctx.log(
    `  ${tag}: ${Math.round(result.requestsPerSecond)} req/s, server ${serverCpuUsPerRequest.toFixed(0)} µs CPU/request, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}`,
  );
  return { ...result, serverCpuUsPerRequest };
}

const verifierCounters = async (server: ServerProcess) => (await server.sample()).verifier;

/** `settings.runs` runs back to back on one target, and what the verifier counted over them. */
async function measuredSeries(
  ctx: LoadContext,
  runtime: Runtime,
  tokens: Tokens,
  target: Target,
  tag: string,
): Promise<{ series: Series; counters: VerifierCounters | null }> {
  const before = await verifierCounters(target.server);
  const runs: RunResult[] = [];
  for (let i = 0; i < ctx.settings.runs; i++)
    runs.push(await run(ctx, runtime, tokens, target, ctx.settings.seconds, `${tag}-${i + 1}`));
  return { series: series(runs), counters: delta(before, await verifierCounters(target.server)) };
}

export interface ProtectedVsUnprotected {
  readonly runtime: Runtime;
  readonly protectedSeries: Series;
  readonly unprotectedSeries: Series;
  /** median(protected req/s) / median(unprotected req/s). */
  readonly ratio: number;
  /** The median of the per-pair ratios (each pair run back to back). */
  readonly pairRatio: number;
  /** Requests per server CPU-second, protected / unprotected: the ratio a core of its own would give. */
  readonly cpuRatio: number;
  readonly counters: VerifierCounters | null;
}

/**
 * (a) The same handler, GET /catalog, with the default verifier and with none; warm cache (one
 * token). Runs alternate protected/unprotected so that outside load hits both alike.
 */
export async function protectedVsUnprotected(
  ctx: LoadContext,
  runtime: Runtime,
  server: ServerProcess,
  tokenFile: string,
): Promise<ProtectedVsUnprotected> {
  const { settings } = ctx;
  const tokens = new Tokens(tokenFile, 1);
  const prot = { server, url: server.protectedUrl };
  const unprot = { server, url: server.unprotectedUrl };
  ctx.log(`(a) ${runtime.label} ${runtime.version}: warm-up`);
  await run(ctx, runtime, tokens, prot, settings.warmupSeconds, 'warmup-protected');
  await run(ctx, runtime, tokens, unprot, settings.warmupSeconds, 'warmup-unprotected');
  const before = await verifierCounters(server);
  const protRuns: RunResult[] = [];
  const unprotRuns: RunResult[] = [];
  for (let i = 0; i < settings.runs; i++) {
    const order = i % 2 === 0 ? (['p', 'u'] as const) : (['u', 'p'] as const);
    for (const which of order) {
      if (which === 'p')
        protRuns.push(
          await run(ctx, runtime, tokens, prot, settings.seconds, `protected-${i + 1}`),
        );
      else
        unprotRuns.push(
          await run(ctx, runtime, tokens, unprot, settings.seconds, `unprotected-${i + 1}`),
        );
    }
  }
  const counters = delta(before, await verifierCounters(server));
  const p = series(protRuns);
  const u = series(unprotRuns);
  return {
    runtime,
    protectedSeries: p,
    unprotectedSeries: u,
    ratio: p.medianRps / u.medianRps,
    pairRatio: median(
      protRuns.map((r, i) => r.requestsPerSecond / unprotRuns[i]!.requestsPerSecond),
    ),
    cpuRatio: u.medianCpuUs / p.medianCpuUs,
    counters,
  };
}

export interface ColdCache {
  readonly poolSize: number;
  readonly protectedSeries: Series;
  /** median(cold req/s) / median(unprotected req/s) of case (a) on the same runtime. */
  readonly ratio: number;
  /** The same per server CPU-second. */
  readonly cpuRatio: number;
  readonly counters: VerifierCounters | null;
}

/** (b) Every request carries a token the cache has not seen lately: the pool is cycled in order. */
export async function coldCache(
  ctx: LoadContext,
  runtime: Runtime,
  server: ServerProcess,
  pool: { file: string; size: number },
  unprotected: Series,
): Promise<ColdCache> {
  const tokens = new Tokens(pool.file, pool.size);
  const target = { server, url: server.protectedUrl };
  ctx.log(`(b) cold cache, pool of ${pool.size} tokens: warm-up`);
  await run(ctx, runtime, tokens, target, ctx.settings.warmupSeconds, 'warmup-cold');
  const { series: s, counters } = await measuredSeries(ctx, runtime, tokens, target, 'cold');
  return {
    poolSize: pool.size,
    protectedSeries: s,
    ratio: s.medianRps / unprotected.medianRps,
    cpuRatio: unprotected.medianCpuUs / s.medianCpuUs,
    counters,
  };
}

export interface JwksFetches {
  readonly seconds: number;
  readonly fetches: number;
  readonly run: RunResult;
}

/**
 * (c) A fresh server, then one run of `seconds` with the cold pool (every request needs a key):
 * the IdP counts JWKS requests from the server's start to the end of the run.
 */
export async function jwksFetches(
  ctx: LoadContext,
  runtime: Runtime,
  pool: { file: string; size: number },
  seconds: number,
  jwksRequests: () => number,
): Promise<JwksFetches> {
  const before = jwksRequests();
  const server = await startServerProcess(runtime, ctx.pinning, ctx.serverArgs);
  try {
    ctx.log(`(c) JWKS fetches over ${seconds} s`);
    const result = await run(
      ctx,
      runtime,
      new Tokens(pool.file, pool.size),
      { server, url: server.protectedUrl },
      seconds,
      'jwks',
    );
    return { seconds, fetches: jwksRequests() - before, run: result };
  } finally {
    await server.stop();
  }
}

export interface InvalidFlood {
  readonly series: Series;
  /** median(flood req/s) / median(protected warm req/s) of case (a) on the same runtime. */
  readonly ratioToValid: number;
  readonly counters: VerifierCounters | null;
}

/** (f) A fresh server flooded with one client's bad-signature tokens. */
export async function invalidFlood(
  ctx: LoadContext,
  runtime: Runtime,
  invalidFile: string,
  valid: Series,
): Promise<InvalidFlood> {
  const server = await startServerProcess(runtime, ctx.pinning, ctx.serverArgs);
  try {
    ctx.log('(f) invalid-token flood');
    const { series: s, counters } = await measuredSeries(
      ctx,
      runtime,
      new Tokens(invalidFile, 1),
      { server, url: server.protectedUrl },
      'invalid',
    );
    return { series: s, ratioToValid: s.medianRps / valid.medianRps, counters };
  } finally {
    await server.stop();
  }
}

export interface TracingVariant {
  readonly label: string;
  readonly series: Series;
  /** median(req/s) / median(req/s) without the SDK. */
  readonly ratio: number;
  /**
   * Requests per server CPU-second, over the same without the SDK: what the ratio would be on a
   * core of its own, unaffected by whoever else loads the machine.
   */
  readonly cpuRatio: number;
  /** The median over rounds of this variant's req/s over the baseline's in the same round. */
  readonly pairRatio: number;
  /** What the bar is for this variant (issue 20). */
  readonly bar: number;
}

export interface TracingCase {
  /** The Node the three servers ran on. */
  readonly runtime: Runtime;
  readonly variants: readonly TracingVariant[];
  /** Spans the receiver got during the sampled runs (10 % of the traces). */
  readonly spansReceived: number;
  readonly exportRequests: number;
}

/**
 * (g) Protected GET /catalog, warm cache, on three server processes started side by side (on the
 * images' runtime, Node 24: its AsyncLocalStorage, which the SDK's context manager uses, no
 * longer costs a promise hook per promise as on Node 20 and 22): without
 * the OpenTelemetry SDK; with it loaded and no endpoint (what every API runs without a
 * collector); and exporting to a real OTLP/HTTP receiver with 10 % of the traces sampled. Runs
 * rotate the order so that outside load hits all three alike.
 */
export async function tracingOverhead(
  ctx: LoadContext,
  runtime: Runtime,
  tokenFile: string,
  receiver: { readonly endpoint: string; spans(): readonly unknown[]; readonly requests: number },
): Promise<TracingCase> {
  const variants = [
    { label: 'without the SDK', telemetry: undefined, bar: 1 },
    { label: 'SDK loaded, no endpoint', telemetry: {}, bar: 0.98 },
    {
      label: 'OTLP receiver, 10 % sampled',
      telemetry: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      },
      bar: 0.9,
    },
  ] as const;
  const servers: ServerProcess[] = [];
  try {
    for (const v of variants)
      servers.push(
        await startServerProcess(runtime, ctx.pinning, {
          ...ctx.serverArgs,
          telemetry: v.telemetry,
        }),
      );
    const tokens = new Tokens(tokenFile, 1);
    const targets = servers.map((server) => ({ server, url: server.protectedUrl }));
    ctx.log(`(g) tracing: warm-up`);
    for (const [i, t] of targets.entries())
      await run(ctx, runtime, tokens, t, ctx.settings.warmupSeconds, `g-warmup-${i}`);
    const spansBefore = receiver.spans().length;
    const requestsBefore = receiver.requests;
    const runs: RunResult[][] = variants.map(() => []);
    for (let r = 0; r < ctx.settings.runs; r++) {
      for (let k = 0; k < variants.length; k++) {
        const i = (k + r) % variants.length;
        runs[i]!.push(
          await run(ctx, runtime, tokens, targets[i]!, ctx.settings.seconds, `g-${i}-${r + 1}`),
        );
      }
    }
    const all = runs.map(series);
    return {
      runtime,
      variants: variants.map((v, i) => ({
        label: v.label,
        series: all[i]!,
        ratio: all[i]!.medianRps / all[0]!.medianRps,
        cpuRatio: all[0]!.medianCpuUs / all[i]!.medianCpuUs,
        pairRatio: median(
          runs[i]!.map((run, r) => run.requestsPerSecond / runs[0]![r]!.requestsPerSecond),
        ),
        bar: v.bar,
      })),
      spansReceived: receiver.spans().length - spansBefore,
      exportRequests: receiver.requests - requestsBefore,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
