/**
 * What the compose and Kubernetes generators read from the registry, as one argument: a test
 * renders the same files for the registry plus a generated service without touching the real one.
 */
import { apiEnvPrefix, apis, metricsPort, services, type ApiDefinition } from '@repo/auth-config';

export interface DeployRegistry {
  readonly apis: Readonly<Record<string, ApiDefinition>>;
  readonly web: { readonly serviceName: string; readonly port: number };
  /** METRICS_PORT of every app: the listener that serves /metrics only. */
  readonly metricsPort: number;
}

/** One API as the generators see it. */
export interface DeployApi {
  /** The registry key, e.g. `orders`. */
  readonly key: string;
  /** `orders-api`: the service, image, folder and workload name. */
  readonly name: string;
  readonly port: number;
  /** `ORDERS`: web's `ORDERS_API_URL` / `ORDERS_API_AUDIENCE`. */
  readonly envPrefix: string;
  /** `orders_api`: its PostgreSQL role and database. */
  readonly database: string;
}

export function currentRegistry(): DeployRegistry {
  return { apis, web: services.web, metricsPort };
}

export function deployApis(registry: DeployRegistry): DeployApi[] {
  return Object.entries(registry.apis).map(([key, def]) => ({
    key,
    name: def.serviceName,
    port: def.port,
    envPrefix: apiEnvPrefix(key),
    database: def.serviceName.replace(/-/g, '_'),
  }));
}

/** A service-to-service call the registry declares: `caller` may open connections to `callee`. */
export interface CallPair {
  /** Service names, e.g. `orders-api` → `profile-api`. */
  readonly caller: string;
  readonly callee: string;
}

/**
 * The caller → callee pairs the registry declares. Issue 19 adds the declaration (an API's
 * `calls`, naming the APIs it calls with the service scope it needs); until it lands no API has
 * one and this returns nothing. Both shapes that declaration may take are read: a record keyed by
 * the callee's registry key, or a list of keys or `{ api }` objects. A callee the registry does not
 * know is an error, never a silently open door.
 */
export function callPairs(registry: DeployRegistry): CallPair[] {
  const pairs: CallPair[] = [];
  for (const [key, def] of Object.entries(registry.apis)) {
    const calls = (def as { readonly calls?: unknown }).calls;
    if (calls === undefined) continue;
    for (const callee of calleeKeys(calls)) {
      const target = registry.apis[callee];
      if (!target) throw new Error(`registry: ${key}.calls names "${callee}", which is no API`);
      pairs.push({ caller: def.serviceName, callee: target.serviceName });
    }
  }
  return pairs;
}

function calleeKeys(calls: unknown): string[] {
  if (Array.isArray(calls))
    return calls.map((c: unknown) =>
      typeof c === 'string' ? c : String((c as { api?: unknown }).api),
    );
  if (calls && typeof calls === 'object') return Object.keys(calls);
  throw new Error('registry: an API’s calls must be a record or a list');
}
