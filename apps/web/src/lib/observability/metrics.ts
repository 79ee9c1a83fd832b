import { Counter, Histogram, Registry } from 'prom-client';

/** OpenTelemetry's recommended latency buckets, in seconds (the APIs use the same). */
const buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** What web records; served on METRICS_PORT by the instrumentation hook. */
export interface WebMetrics {
  readonly registry: Registry;
  /** Refresh-token grants at the IdP's token endpoint, by outcome (`ok`, a failure code). */
  readonly tokenRefreshes: Counter<'outcome'>;
  readonly tokenRefreshDuration: Histogram<'outcome'>;
  /** Session store operations (get, set, delete…), by operation and outcome. */
  readonly sessionStoreDuration: Histogram<'operation' | 'outcome'>;
  /** Calls to the registry's APIs from server components and actions, by API and status. */
  readonly apiCallDuration: Histogram<'api' | 'status'>;
}

const key = Symbol.for('@repo/web.metrics');
type WithMetrics = typeof globalThis & { [key]?: WebMetrics };

/**
 * This process's web metrics. One registry per process although Next.js loads the
 * instrumentation hook, the proxy and the pages as separate module graphs: hence the global.
 */
export function webMetrics(): WebMetrics {
  const holder = globalThis as WithMetrics;
  if (holder[key]) return holder[key];
  const registry = new Registry();
  const metrics: WebMetrics = {
    registry,
    tokenRefreshes: new Counter({
      name: 'web_token_refreshes_total',
      help: "Refresh-token grants at the IdP's token endpoint, by outcome (ok or the failure).",
      labelNames: ['outcome'],
      registers: [registry],
    }),
    tokenRefreshDuration: new Histogram({
      name: 'web_token_refresh_duration_seconds',
      help: 'Time of a refresh-token grant, by outcome.',
      labelNames: ['outcome'],
      buckets,
      registers: [registry],
    }),
    sessionStoreDuration: new Histogram({
      name: 'web_session_store_duration_seconds',
      help: 'Time of a session store operation, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets,
      registers: [registry],
    }),
    apiCallDuration: new Histogram({
      name: 'web_api_call_duration_seconds',
      help: "Calls to the registry's APIs for a signed-in user, by API and status.",
      labelNames: ['api', 'status'],
      buckets,
      registers: [registry],
    }),
  };
  holder[key] = metrics;
  return metrics;
}

/**
 * `store` with every method timed into `histogram` (operation = the method's name). The
 * session store's methods all return promises; anything else passes through untouched.
 */
export function timedStore<S extends object>(
  store: S,
  histogram: WebMetrics['sessionStoreDuration'],
): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const end = histogram.startTimer({ operation: property });
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (v) => {
            end({ outcome: 'ok' });
            return v;
          },
          (error: unknown) => {
            end({ outcome: 'error' });
            throw error;
          },
        );
      };
    },
  });
}
