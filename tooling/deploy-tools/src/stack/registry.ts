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

/**
 * The APIs `key` declares it calls (its registry `calls`), in declaration order: a caller's env
 * names each one's URL, and its secrets hold its own M2M client.
 */
export function calleesOf(registry: DeployRegistry, key: string): DeployApi[] {
  const all = deployApis(registry);
  return Object.keys(registry.apis[key]!.calls ?? {}).map((callee) => {
    const api = all.find((a) => a.key === callee);
    if (!api) throw new Error(`registry: ${key}.calls names "${callee}", which is no API`);
    return api;
  });
}

/** How one app reaches an API inside the deployment: its service name, never the public host. */
export const internalApiUrl = (api: DeployApi) => `http://${api.name}:${api.port}`;

/** A service-to-service call the registry declares: `caller` may open connections to `callee`. */
export interface CallPair {
  /** Service names, e.g. `orders-api` → `profile-api`. */
  readonly caller: string;
  readonly callee: string;
}

/**
 * The caller → callee pairs the registry declares: each API's `calls`, keyed by the callee's
 * registry key. A callee the registry does not know is an error, never a silently open door.
 */
export function callPairs(registry: DeployRegistry): CallPair[] {
  return Object.entries(registry.apis).flatMap(([key, def]) =>
    Object.keys(def.calls ?? {}).map((callee) => {
      const target = registry.apis[callee];
      if (!target) throw new Error(`registry: ${key}.calls names "${callee}", which is no API`);
      return { caller: def.serviceName, callee: target.serviceName };
    }),
  );
}
