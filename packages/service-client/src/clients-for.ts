import type { ApiEnv, ApiName, CalleeOf, CalleeTarget } from '@repo/auth-config';
import {
  createServiceClient,
  type ServiceClient,
  type ServiceClientOptions,
} from './service-client';
import { createTokenSource, type TokenSource, type TokenSourceOptions } from './token-source';

export interface ServiceClientsOptions {
  readonly fetch?: typeof fetch;
  /** Token source settings (clock, timeouts, refresh-ahead, events); credentials come from config. */
  readonly tokens?: Omit<TokenSourceOptions, 'credentials' | 'fetch'>;
  /** Per call to a callee (default 3 s). */
  readonly timeoutMs?: number;
  /** Told about each HTTP request to a callee (service-kit's metrics record it). */
  readonly onCall?: ServiceClientOptions['onCall'];
}

/** One client per API this one calls, sharing one token source (so one cache) per process. */
export interface ServiceClients<N extends ApiName> {
  readonly clients: { readonly [C in CalleeOf<N>]: ServiceClient };
  readonly tokens: TokenSource;
}

/**
 * The clients of every API `config`'s API declares it calls (registry `calls`), with its own M2M
 * credentials. Only declared callees have a client, so `clients.billing` on an API that never
 * declared billing is a compile error. No I/O here: the first call fetches the first token.
 */
export function serviceClientsFor<N extends ApiName>(
  config: Pick<ApiEnv<N>, 'app' | 'serviceName' | 'calls' | 'clientCredentials'>,
  options: ServiceClientsOptions = {},
): ServiceClients<N> {
  const credentials = config.clientCredentials;
  if (!credentials)
    throw new Error(`${config.serviceName} declares no call in the registry: it has no M2M client`);
  const tokens = createTokenSource({ ...options.tokens, credentials, fetch: options.fetch });
  const clients: Record<string, ServiceClient> = {};
  // Typed per API for callers (`clients.profile`); walked as a plain record here.
  for (const target of Object.values(config.calls as Readonly<Record<string, CalleeTarget>>)) {
    clients[target.name] = createServiceClient({
      caller: config.serviceName,
      callee: target.serviceName,
      baseUrl: target.url,
      audience: target.audience,
      scopes: target.scopes,
      tokens,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      onCall: options.onCall,
    });
  }
  return { clients: clients as ServiceClients<N>['clients'], tokens };
}
