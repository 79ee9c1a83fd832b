/**
 * THE registry: every service, its default port, and for each API its audience and scopes.
 * Everything else (token checks, the web app's token requests, the local IdP, infra, the
 * generator) derives from these objects, so a scope or an audience is written down only here.
 */

/** What a scope lets its holder do; roles are defined over kinds, so a new API needs no edits. */
export type ScopeKind = 'read' | 'write' | 'admin';

/** What a service scope lets another service do; no role, user or web app ever holds one. */
export type ServiceScopeKind = 'read' | 'write';

export interface ApiDefinition {
  /** Workspace folder and service name: apps/<serviceName>. */
  readonly serviceName: string;
  readonly displayName: string;
  readonly port: number;
  /** The Auth0 API identifier; tokens for this API carry it as `aud`. */
  readonly audience: string;
  readonly scopes: Readonly<Partial<Record<ScopeKind, string>>>;
  /**
   * Scopes for other services of the registry, calling as themselves (client credentials):
   * `<kind>:<api>:service`. Granted only to the callers that declare them in `calls`; never in a
   * role, never requested by the web app. A route guarded by one refuses user tokens.
   */
  readonly serviceScopes?: Readonly<Partial<Record<ServiceScopeKind, string>>>;
  /**
   * The APIs this one calls as itself, each with the service scopes it needs there. From this one
   * declaration come its M2M client (local IdP and tenant), the client grants, its env
   * (AUTH0_CLIENT_ID/SECRET, <CALLEE>_API_URL) and the doctor's checks.
   */
  readonly calls?: Readonly<Record<string, readonly string[]>>;
}

// generator:apis:start (the api-service generator inserts new entries above the end marker)
export const apis = {
  orders: {
    serviceName: 'orders-api',
    displayName: 'Orders API',
    port: 4001,
    audience: 'https://api.example.com/orders',
    scopes: { read: 'read:orders', write: 'write:orders', admin: 'admin:orders' },
    // The admin list names each order's customer: one batch read of profiles per page.
    calls: { profile: ['read:profile:service'] },
  },
  profile: {
    serviceName: 'profile-api',
    displayName: 'Profile API',
    port: 4002,
    audience: 'https://api.example.com/profile',
    scopes: { read: 'read:profile', write: 'write:profile' },
    serviceScopes: { read: 'read:profile:service' },
  },
  // generator:apis:end
} as const satisfies Record<string, ApiDefinition>;

export type Apis = typeof apis;
export type ApiName = keyof Apis;
export type ApiScopes<N extends ApiName> = Apis[N]['scopes'][keyof Apis[N]['scopes']];
/** Every scope string in the registry; a typo in a scope guard is a compile error. */
export type Scope = { [N in ApiName]: ApiScopes<N> }[ApiName];

export const apiNames = Object.keys(apis) as ApiName[];

type ServiceScopesOf<N extends ApiName> = Apis[N] extends {
  serviceScopes: infer S extends Record<string, string>;
}
  ? S[keyof S]
  : never;
/** Every service scope in the registry: what only services, never users, are granted. */
export type ServiceScope = { [N in ApiName]: ServiceScopesOf<N> }[ApiName];

type CallsOf<N extends ApiName> = Apis[N] extends { calls: infer C } ? C : Record<never, never>;
/** The APIs that API `N` declares it calls: the only ones its service client can reach. */
export type CalleeOf<N extends ApiName> = Extract<keyof CallsOf<N>, ApiName>;

/** Non-API services with a port of their own. */
export const services = {
  web: { serviceName: 'web', displayName: 'Web app', port: 3000 },
  'local-idp': { serviceName: 'local-idp', displayName: 'Local IdP', port: 4000 },
} as const;

/**
 * The port of each app's second listener, which serves Prometheus `/metrics` only, when
 * METRICS_PORT is set (OpenTelemetry's Prometheus exporter default). The same in every app: it
 * is never published, and the generated compose and Kubernetes manifests set METRICS_PORT to it.
 */
export const metricsPort = 9464;

/**
 * nextjs-auth0 v4's fixed route that receives OIDC back-channel logout tokens (a POST of
 * `logout_token=<jwt>`). The local IdP and the Auth0 tenant both send them there.
 */
export const webBackchannelLogoutPath = '/auth/backchannel-logout';

/** Every service with its default port, APIs included: the one list for ports. */
export function allServices(): { serviceName: string; displayName: string; port: number }[] {
  return [
    ...Object.values(services),
    ...apiNames.map((name) => {
      const { serviceName, displayName, port } = apis[name];
      return { serviceName, displayName, port };
    }),
  ];
}

/** The scopes of one API, in a stable order (read, write, admin). */
export function scopesOf(name: ApiName): Scope[] {
  const defined: Partial<Record<ScopeKind, string>> = apis[name].scopes;
  return (['read', 'write', 'admin'] as const)
    .map((kind) => defined[kind])
    .filter((s): s is string => typeof s === 'string') as Scope[];
}

/** Every scope of every API. */
export function allScopes(): Scope[] {
  return apiNames.flatMap(scopesOf);
}

/** The service scopes of one API, in a stable order (read, write). */
export function serviceScopesOf(name: ApiName): ServiceScope[] {
  const defined: Partial<Record<ServiceScopeKind, string>> =
    (apis[name] as ApiDefinition).serviceScopes ?? {};
  return (['read', 'write'] as const)
    .map((kind) => defined[kind])
    .filter((s): s is string => typeof s === 'string') as ServiceScope[];
}

/** Everything the API's resource server defines: its user scopes, then its service scopes. */
export function resourceScopesOf(name: ApiName): (Scope | ServiceScope)[] {
  return [...scopesOf(name), ...serviceScopesOf(name)];
}

/** One declared call: `caller` may call `callee` as itself with `scopes` (a client grant). */
export interface ServiceCall {
  readonly caller: ApiName;
  readonly callee: ApiName;
  readonly scopes: readonly ServiceScope[];
}

/** The calls one API declares, in declaration order. */
export function callsOf(caller: ApiName): ServiceCall[] {
  const calls: Readonly<Record<string, readonly string[]>> =
    (apis[caller] as ApiDefinition).calls ?? {};
  return Object.entries(calls).map(([callee, scopes]) => ({
    caller,
    callee: callee as ApiName,
    scopes: scopes as ServiceScope[],
  }));
}

/** Every declared call of the registry: who may call whom, with which scopes. */
export function serviceCalls(): ServiceCall[] {
  return apiNames.flatMap(callsOf);
}

/** The APIs that call others: each has an M2M client of its own. */
export function callerNames(): ApiName[] {
  return apiNames.filter((name) => callsOf(name).length > 0);
}

export function apiByAudience(audience: string): ApiName | undefined {
  return apiNames.find((name) => apis[name].audience === audience);
}

/** `ORDERS` for `orders`, `USER_PREFS` for `user-prefs`: the prefix of the web app's env vars. */
export function apiEnvPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * Auth0 access tokens carry no email or name; the tenant's Action and the local IdP add them
 * under this namespace (Auth0 requires custom claims to be namespaced URLs).
 */
export const claimsNamespace = 'https://api.example.com/claims/';
export const claims = {
  email: `${claimsNamespace}email`,
  name: `${claimsNamespace}name`,
} as const;

/**
 * Refresh-token rotation: how long the previous refresh token stays usable after a rotation,
 * so that two near-simultaneous refreshes do not log the user out. infra/auth0 uses the same.
 */
export const refreshTokenReuseWindowSeconds = 10;

/**
 * How long a web session lives (nextjs-auth0's defaults): it rolls with each visit, and ends
 * after a day without one or three days after the login, whatever the activity. The session
 * stores expire their records with it.
 */
export const webSessionDurations = {
  absoluteSeconds: 3 * 24 * 3600,
  inactivitySeconds: 24 * 3600,
} as const;

/** Lifetimes shared by the local IdP and the tenant config. */
export const tokenLifetimes = {
  accessTokenSeconds: 3600,
  refreshTokenIdleSeconds: 14 * 24 * 3600,
} as const;
