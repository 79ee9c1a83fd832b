import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { VerifierStats } from '../auth/resilient-verifier';
import type { KeySetEvent } from '../auth/key-set';
import type { PoolStats } from '../db/database';
import { RequestDurationHistogram } from './request-duration';

/** OpenTelemetry's recommended buckets for http.server.request.duration, in seconds. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export interface ServiceMetricsSources {
  /** The default verifier's counters, read at each scrape (a replaced verifier has none). */
  readonly verifier?: () => Readonly<VerifierStats> | undefined;
  /** The database pool's connections, read at each scrape (PostgreSQL only). */
  readonly pool?: () => PoolStats | undefined;
}

/** One call to another API, as service-client reports it. */
export interface UpstreamCall {
  readonly callee: string;
  /** The callee's status, or why there was none (`timeout`, `unreachable`, …). */
  readonly outcome: string;
  readonly seconds: number;
}

/** One client-credentials request, as service-client's token source reports it. */
export interface ServiceTokenRequest {
  readonly outcome: 'issued' | 'failed';
  /** Undefined for a request that failed before any answer. */
  readonly seconds?: number;
}

/** What an API records; served on METRICS_PORT by startServer. */
export interface ServiceMetrics {
  readonly registry: Registry;
  /**
   * Where the scrape reads the verifier's and the pool's counters from: createService attaches
   * them once the app (and its verifier) exists, so the metrics can be made before it.
   */
  attach(sources: ServiceMetricsSources): void;
  upstreamCall(call: UpstreamCall): void;
  serviceTokenRequest(request: ServiceTokenRequest): void;
  readonly requestDuration: RequestDurationHistogram;
  /** Answers of the auth and CORS layers that refused a request, by reason. */
  readonly refusals: Counter<'reason'>;
  jwksEvent(event: KeySetEvent): void;
}

/**
 * Counters the verifier already keeps (cache hits, verifications, limiter answers) are read at
 * scrape time instead of being counted twice on the hot path: a cache hit stays a plain `+= 1`.
 */
function mirrored(
  registry: Registry,
  name: string,
  help: string,
  label: string,
  read: () => Record<string, number> | undefined,
): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      const values = read();
      this.reset();
      for (const [value, count] of Object.entries(values ?? {}))
        this.inc({ [label]: value }, count);
    },
  });
}

export function createServiceMetrics(initial: ServiceMetricsSources = {}): ServiceMetrics {
  let sources = initial;
  const registry = new Registry();
  const stats = () => sources.verifier?.();
  mirrored(
    registry,
    'auth_token_cache_requests_total',
    'Bearer tokens looked up in the verified-token cache, by result (hit: no signature check).',
    'result',
    () => {
      const s = stats();
      return (
        s && { hit: s.cacheHits, miss: s.verified + s.rejected + s.keysUnavailable + s.rateLimited }
      );
    },
  );
  mirrored(
    registry,
    'auth_token_verifications_total',
    'Signature and claim checks of tokens not in the cache, by outcome.',
    'outcome',
    () => {
      const s = stats();
      return s && { valid: s.verified, invalid: s.rejected, keys_unavailable: s.keysUnavailable };
    },
  );
  mirrored(
    registry,
    'auth_invalid_token_limiter_decisions_total',
    'Answers of the invalid-token limiter to tokens that needed a verification.',
    'decision',
    () => {
      const s = stats();
      return s && { allowed: s.verified + s.rejected + s.keysUnavailable, limited: s.rateLimited };
    },
  );
  const jwksFetches = new Counter({
    name: 'auth_jwks_fetches_total',
    help: "Fetches of the issuer's JWKS, by reason and outcome.",
    labelNames: ['reason', 'outcome'],
    registers: [registry],
  });
  const jwksDuration = new Histogram({
    name: 'auth_jwks_fetch_duration_seconds',
    help: "Time to fetch the issuer's JWKS, failures included.",
    buckets: latencyBuckets,
    registers: [registry],
  });
  new Gauge({
    name: 'db_client_connections',
    help: 'Connections of the PostgreSQL pool, by state (used, idle) and requests waiting for one (pending).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      this.reset();
      if (!pool) return;
      this.set({ state: 'used' }, pool.total - pool.idle);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'pending' }, pool.waiting);
    },
  });
  new Gauge({
    name: 'db_client_connections_max',
    help: 'The most connections the PostgreSQL pool opens.',
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      this.reset();
      if (pool) this.set(pool.max);
    },
  });
  const upstreamDuration = new Histogram({
    name: 'http_client_request_duration_seconds',
    help: 'Calls to other APIs of the registry, by callee and outcome (its status, or timeout/unreachable).',
    labelNames: ['peer_service', 'outcome'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const tokenRequests = new Counter({
    name: 'service_token_requests_total',
    help: 'Client-credentials token requests of this API to the IdP, by outcome (a cached token makes none).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const tokenDuration = new Histogram({
    name: 'service_token_request_duration_seconds',
    help: 'Time of the client-credentials token requests that got an answer.',
    buckets: latencyBuckets,
    registers: [registry],
  });
  return {
    registry,
    attach(next) {
      sources = next;
    },
    upstreamCall({ callee, outcome, seconds }) {
      upstreamDuration.observe({ peer_service: callee, outcome }, seconds);
    },
    serviceTokenRequest({ outcome, seconds }) {
      tokenRequests.inc({ outcome });
      if (seconds !== undefined) tokenDuration.observe(seconds);
    },
    requestDuration: new RequestDurationHistogram({
      name: 'http_server_request_duration_seconds',
      help: 'Time to answer a request, by method, route template and status.',
      buckets: latencyBuckets,
    }).registerIn(registry),
    refusals: new Counter({
      name: 'http_refusals_total',
      help: 'Requests refused by the auth and CORS layers, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    jwksEvent(event) {
      if (event.type === 'keys-removed') return;
      jwksFetches.inc({
        reason: event.reason,
        outcome: event.type === 'fetched' ? 'ok' : 'failed',
      });
      jwksDuration.observe(event.ms / 1000);
    },
  };
}
