/**
 * The local profile: what `pnpm dev` and the tests use instead of an Auth0 tenant. The local IdP
 * registers exactly these clients and users; the env loaders fill these values in when the local
 * profile is on, and refuse them in production.
 */
import {
  apiNames,
  apis,
  callerNames,
  callsOf,
  services,
  type ApiName,
  type Scope,
  type ScopeKind,
  type ServiceScope,
  webBackchannelLogoutPath,
} from './registry';

export const localIdpPort = services['local-idp'].port;
/** nextjs-auth0 rejects IP literals as issuer hosts, so the local issuer is always `localhost`. */
export const localIdpDomain = `http://localhost:${localIdpPort}`;

/**
 * Where the local IdP posts logout tokens for `local-web` unless told otherwise: the web app on
 * its registry port, as `pnpm dev` runs it. Tests start the IdP with a URI on a free port.
 */
export const localWebBackchannelLogoutUri = `http://localhost:${services.web.port}${webBackchannelLogoutPath}`;

export const localWebClient = {
  clientId: 'local-web',
  // Dev-only secrets: public on purpose, and refused by every loader in production.
  clientSecret: 'local-web-dev-secret-do-not-use-in-production',
} as const;

export interface LocalClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The M2M client of an API that calls others (registry `calls`), named after the caller:
 * `local-orders-api`. Its env loader defaults AUTH0_CLIENT_ID/SECRET to these under the local
 * profile; the tenant has an application of the same name.
 */
export function localServiceClient(caller: ApiName): LocalClient {
  const { serviceName } = apis[caller];
  return {
    clientId: `local-${serviceName}`,
    clientSecret: `local-${serviceName}-dev-secret-do-not-use-in-production`,
  };
}

/**
 * What the local IdP grants a client for client credentials on `api`: the scopes its caller
 * declares in `calls`, or undefined when it declares no call to that API (no client grant).
 */
export function localClientGrant(clientId: string, api: ApiName): ServiceScope[] | undefined {
  const caller = callerNames().find((name) => localServiceClient(name).clientId === clientId);
  if (!caller) return undefined;
  return callsOf(caller)
    .find((call) => call.callee === api)
    ?.scopes.slice();
}

/** AUTH0_SECRET (cookie encryption) under the local profile; at least 32 characters. */
export const localSessionSecret = 'local-dev-session-secret-do-not-use-in-production';

/** Every secret above: a loader refuses any of them outside the local profile. */
export const localDevSecrets: readonly string[] = [
  localWebClient.clientSecret,
  ...callerNames().map((caller) => localServiceClient(caller).clientSecret),
  localSessionSecret,
];

/** Roles are defined over scope kinds, so an API added to the registry joins them unedited. */
export const roles = {
  member: ['read', 'write'],
  viewer: ['read'],
  admin: ['read', 'write', 'admin'],
} as const satisfies Record<string, readonly ScopeKind[]>;

export type RoleName = keyof typeof roles;

export function permissionsOfRole(role: RoleName, only?: ApiName): Scope[] {
  const kinds: readonly ScopeKind[] = roles[role];
  return (only ? [only] : apiNames).flatMap((name) => {
    const defined: Partial<Record<ScopeKind, string>> = apis[name].scopes;
    return kinds.map((k) => defined[k]).filter((s): s is Scope => typeof s === 'string');
  });
}

export interface LocalUser {
  readonly username: string;
  readonly email: string;
  readonly sub: string;
  readonly name: string;
  readonly role: RoleName;
}

/** All four share the password below; the login page lists them in dev. */
export const localUserPassword = 'password';

export const localUsers = [
  {
    username: 'alice',
    email: 'alice@example.com',
    sub: 'auth0|alice',
    name: 'Alice Anderson',
    role: 'member',
  },
  {
    username: 'bob',
    email: 'bob@example.com',
    sub: 'auth0|bob',
    name: 'Bob Brown',
    role: 'member',
  },
  {
    username: 'carol',
    email: 'carol@example.com',
    sub: 'auth0|carol',
    name: 'Carol Clark',
    role: 'viewer',
  },
  {
    username: 'admin',
    email: 'admin@example.com',
    sub: 'auth0|admin',
    name: 'Ada Admin',
    role: 'admin',
  },
] as const satisfies readonly LocalUser[];

export type LocalUsername = (typeof localUsers)[number]['username'];

export function findLocalUser(usernameOrEmail: string): LocalUser | undefined {
  const key = usernameOrEmail.trim().toLowerCase();
  return localUsers.find((u) => u.username === key || u.email === key);
}

/** The user's permissions, optionally for one API: what Auth0 RBAC would put in `permissions`. */
export function permissionsOf(user: LocalUser, api?: ApiName): Scope[] {
  return permissionsOfRole(user.role, api);
}
