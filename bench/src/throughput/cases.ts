import type { Runtime } from '../machine';
import type { Pinning } from '../pin';
import { median } from '../stats';
import { runClient, startServerProcess, type ClientArgs, type ClientResult, type ServerProcess } from './load';
import type { ServerArgs, VerifierCounters } from './protocol';

export interface LoadSettings {
  readonly seconds: number;
  readonly runs: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

/** What every case needs from the driver: the runtime, the pinning, and files for the clients. */
export interface LoadContext {
  readonly settings: LoadSettings;
  readonly pinning: Pinning;
  readonly serverArgs: ServerArgs;
  /** Writes a JSON file for a client process and returns its path. */
  file(name: string, value: unknown): string;
  log(line: string): void;
}

export const catalogPath = '/catalog';

export interface Series {
  readonly runs: readonly ClientResult[];
  readonly medianRps: number;
  readonly medianP99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

function series(runs: ClientResult[]): Series {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    runs,
    medianRps: median(runs.map((r) => r.requestsPerSecond)),
    medianP99: median(runs.map((r) => r.latencyP99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors + r.timeouts, 0),
    statuses,
  };
}

const delta = (before: VerifierCounters | null, after: VerifierCounters | null): VerifierCounters | null =>
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
  args(url: string, seconds: number, settings: LoadSettings): Omit<ClientArgs, 'url'> & { url: string } {
    return { url, path: catalogPath, tokensFile: this.file, tokenOffset: this.offset % this.size, connections: settings.connections, pipelining: settings.pipelining, seconds };
  }
  advance(sent: number): void {
    this.offset += sent;
  }
}

async function run(ctx: LoadContext, runtime: Runtime, tokens: Tokens, url: string, seconds: number, tag: string): Promise<ClientResult> {
  const result = await runClient(runtime, ctx.pinning, ctx.file(`${tag}.json`, tokens.args(url, seconds, ctx.settings)));
  tokens.advance(result.sent);
  ctx.log(`  ${tag}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}`);
  return result;
}

export interface ProtectedVsUnprotected {
  readonly runtime: Runtime;
  readonly protectedSeries: Series;
  readonly unprotectedSeries: Series;
  /** median(protected) / median(unprotected). */
  readonly ratio: number;
  /** The median of the per-pair ratios (each pair run back to back), steadier under outside load. */
  readonly pairRatio: number;
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
  ctx.log(`(a) ${runtime.label} ${runtime.version}: warm-up`);
  await run(ctx, runtime, tokens, server.protectedUrl, settings.warmupSeconds, 'warmup-protected');
  await run(ctx, runtime, tokens, server.unprotectedUrl, settings.warmupSeconds, 'warmup-unprotected');
  const before = await server.counters();
  const prot: ClientResult[] = [];
  const unprot: ClientResult[] = [];
  for (let i = 0; i < settings.runs; i++) {
    const order = i % 2 === 0 ? (['p', 'u'] as const) : (['u', 'p'] as const);
    for (const which of order) {
      if (which === 'p') prot.push(await run(ctx, runtime, tokens, server.protectedUrl, settings.seconds, `protected-${i + 1}`));
      else unprot.push(await run(ctx, runtime, tokens, server.unprotectedUrl, settings.seconds, `unprotected-${i + 1}`));
    }
  }
  const counters = delta(before, await server.counters());
  const p = series(prot);
  const u = series(unprot);
  return {
    runtime,
    protectedSeries: p,
    unprotectedSeries: u,
    ratio: p.medianRps / u.medianRps,
    pairRatio: median(prot.map((r, i) => r.requestsPerSecond / unprot[i]!.requestsPerSecond)),
    counters,
  };
}

export interface ColdCache {
  readonly poolSize: number;
  readonly protectedSeries: Series;
  /** median(cold protected) / median(unprotected) of case (a) on the same runtime. */
  readonly ratio: number;
  readonly counters: VerifierCounters | null;
}

/** (b) Every request carries a token the cache has not seen lately: the pool is cycled in order. */
export async function coldCache(
  ctx: LoadContext,
  runtime: Runtime,
  server: ServerProcess,
  pool: { file: string; size: number },
  unprotectedMedian: number,
): Promise<ColdCache> {
  const tokens = new Tokens(pool.file, pool.size);
  ctx.log(`(b) cold cache, pool of ${pool.size} tokens: warm-up`);
  await run(ctx, runtime, tokens, server.protectedUrl, ctx.settings.warmupSeconds, 'warmup-cold');
  const before = await server.counters();
  const runs: ClientResult[] = [];
  for (let i = 0; i < ctx.settings.runs; i++) runs.push(await run(ctx, runtime, tokens, server.protectedUrl, ctx.settings.seconds, `cold-${i + 1}`));
  const s = series(runs);
  return { poolSize: pool.size, protectedSeries: s, ratio: s.medianRps / unprotectedMedian, counters: delta(before, await server.counters()) };
}

export interface JwksFetches {
  readonly seconds: number;
  readonly fetches: number;
  readonly run: ClientResult;
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
    const result = await run(ctx, runtime, new Tokens(pool.file, pool.size), server.protectedUrl, seconds, 'jwks');
    return { seconds, fetches: jwksRequests() - before, run: result };
  } finally {
    await server.stop();
  }
}

export interface InvalidFlood {
  readonly series: Series;
  /** median(flood) / median(protected, warm) of case (a) on the same runtime. */
  readonly ratioToValid: number;
  readonly counters: VerifierCounters | null;
}

/** (f) A fresh server flooded with one client's bad-signature tokens. */
export async function invalidFlood(ctx: LoadContext, runtime: Runtime, invalidFile: string, validMedian: number): Promise<InvalidFlood> {
  const server = await startServerProcess(runtime, ctx.pinning, ctx.serverArgs);
  try {
    const tokens = new Tokens(invalidFile, 1);
    ctx.log('(f) invalid-token flood');
    const before = await server.counters();
    const runs: ClientResult[] = [];
    for (let i = 0; i < ctx.settings.runs; i++) runs.push(await run(ctx, runtime, tokens, server.protectedUrl, ctx.settings.seconds, `invalid-${i + 1}`));
    const s = series(runs);
    return { series: s, ratioToValid: s.medianRps / validMedian, counters: delta(before, await server.counters()) };
  } finally {
    await server.stop();
  }
}
