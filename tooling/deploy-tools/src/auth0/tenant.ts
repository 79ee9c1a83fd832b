/**
 * The Auth0 tenant as data, in auth0-deploy-cli's YAML shape (which follows the Management API's
 * payloads). Built only from the registry, so every value below is a derivation, never a copy.
 * Values that differ per environment are deploy-cli keywords (`@@NAME@@` for arrays), filled
 * from the per-environment config files that environments.ts feeds.
 */
import {
  apiNames,
  apis,
  callerNames,
  callsOf,
  claims,
  localServiceClient,
  permissionsOfRole,
  refreshTokenReuseWindowSeconds,
  resourceScopesOf,
  roles,
  scopesOf,
  serviceCalls,
  services,
  tokenLifetimes,
  type ApiName,
  type RoleName,
  type ScopeKind,
  type ServiceScopeKind,
  webBackchannelLogoutPath,
} from '@repo/auth-config';
import type { Environment } from './environments';

/** nextjs-auth0 v4's fixed routes: it sends `${APP_BASE_URL}/auth/callback` as redirect_uri... */
export const callbackPath = '/auth/callback';
/** ...and `returnTo=${APP_BASE_URL}` (no trailing slash) on logout. */
const logoutUrl = (base: string) => base;

export const webClientName = services.web.displayName;
/**
 * The M2M application of an API that calls others, named after it (`orders-api`): the tenant's
 * counterpart of the local IdP's `local-orders-api`. Its credentials are that API's
 * AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, never the web app's.
 */
export const serviceClientName = (caller: ApiName): string => apis[caller].serviceName;
export const claimsActionName = 'add-user-claims';
export const claimsActionCodePath = `./actions/${claimsActionName}/code.js`;

/** deploy-cli keywords: the YAML holds the names, each environment's config the values. */
export const keywords = {
  callbacks: 'WEB_CALLBACKS',
  logoutUrls: 'WEB_LOGOUT_URLS',
  webOrigins: 'WEB_ORIGINS',
  backchannelLogoutUrls: 'WEB_BACKCHANNEL_LOGOUT_URLS',
} as const;

/**
 * Where the tenant posts logout tokens: nextjs-auth0's back-channel route, the same path the
 * local IdP posts to. Auth0 takes one URL per application, https only and never a loopback
 * address ("Back-Channel Logout restrictions" in its docs), so: the environment's first origin,
 * and none for `development`, whose http://localhost a tenant could not reach anyway.
 */
export function backchannelLogoutUrls(env: Environment): string[] {
  const [primary] = env.webBaseUrls;
  return primary?.startsWith('https://') ? [`${primary}${webBackchannelLogoutPath}`] : [];
}

/**
 * The session-ending events that send the web app a logout token (`mode: custom`: exactly these,
 * rather than `all`, which would also subscribe it to initiators Auth0 adds later, unreviewed).
 * Every one ends the Auth0 session the web app's session was made from, so all of them are here.
 */
export const backchannelLogoutInitiators = [
  'rp-logout', // the web app (or another app of the session) called /oidc/logout or /v2/logout
  'idp-logout', // an upstream identity provider ended the session
  'password-changed',
  'session-expired',
  'session-revoked', // a session was deleted, e.g. DELETE /api/v2/users/{id}/sessions
  'account-deleted',
  'email-identifier-changed',
  'mfa-phone-unenrolled',
  'account-deactivated',
] as const;

export function keywordValues(env: Environment): Record<string, string[]> {
  return {
    [keywords.callbacks]: env.webBaseUrls.map((base) => `${base}${callbackPath}`),
    [keywords.logoutUrls]: env.webBaseUrls.map(logoutUrl),
    [keywords.webOrigins]: [...env.webBaseUrls],
    [keywords.backchannelLogoutUrls]: backchannelLogoutUrls(env),
  };
}

const arrayKeyword = (name: string) => `@@${name}@@`;

const scopeVerbs: Record<ScopeKind, string> = {
  read: 'Read',
  write: 'Create and change',
  admin: 'Administer',
};

function scopeDescription(api: ApiName, scope: string): string {
  const scopes: Partial<Record<ScopeKind, string>> = apis[api].scopes;
  const kind = (Object.keys(scopes) as ScopeKind[]).find((k) => scopes[k] === scope);
  if (kind) return `${scopeVerbs[kind]}: ${apis[api].displayName}`;
  const service: Partial<Record<ServiceScopeKind, string>> =
    (apis[api] as { serviceScopes?: Partial<Record<ServiceScopeKind, string>> }).serviceScopes ??
    {};
  const serviceKind =
    (Object.keys(service) as ServiceScopeKind[]).find((k) => service[k] === scope) ?? 'read';
  return `${scopeVerbs[serviceKind]}: ${apis[api].displayName}, for other services only (client credentials)`;
}

function resourceServer(api: ApiName) {
  const { displayName, audience } = apis[api];
  return {
    name: displayName,
    identifier: audience,
    signing_alg: 'RS256',
    // User scopes and service scopes: the second are granted only by the client grants below.
    scopes: resourceScopesOf(api).map((value) => ({
      value,
      description: scopeDescription(api, value),
    })),
    // RBAC on, and "Add Permissions in the Access Token": the APIs check `permissions`/`scope`.
    enforce_policies: true,
    token_dialect: 'access_token_authz',
    token_lifetime: tokenLifetimes.accessTokenSeconds,
    // The web app gets refresh tokens for every API (MRRT below needs offline access on each).
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
  };
}

function webClient() {
  return {
    name: webClientName,
    description: `${services.web.displayName} (Next.js, nextjs-auth0 v4): the BFF that calls every API`,
    app_type: 'regular_web',
    is_first_party: true,
    oidc_conformant: true,
    // nextjs-auth0 v4 authenticates with client_secret_post, as against the local IdP.
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    jwt_configuration: { alg: 'RS256' },
    callbacks: arrayKeyword(keywords.callbacks),
    allowed_logout_urls: arrayKeyword(keywords.logoutUrls),
    web_origins: arrayKeyword(keywords.webOrigins),
    // OIDC Back-Channel Logout: when an Auth0 session ends, the web app is told which one (`sid`)
    // and ends its own session for it, as it does for the local IdP's logout tokens.
    oidc_logout: {
      backchannel_logout_urls: arrayKeyword(keywords.backchannelLogoutUrls),
      backchannel_logout_initiators: {
        mode: 'custom',
        selected_initiators: [...backchannelLogoutInitiators],
      },
    },
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      // The reuse window the local IdP mirrors: a rotated token stays usable this long.
      leeway: refreshTokenReuseWindowSeconds,
      idle_token_lifetime: tokenLifetimes.refreshTokenIdleSeconds,
      infinite_idle_token_lifetime: false,
      // The local IdP's grant expires after the same span (its Grant TTL), so absolute = idle.
      token_lifetime: tokenLifetimes.refreshTokenIdleSeconds,
      infinite_token_lifetime: false,
      // Multi-resource refresh tokens: one refresh token, an access token per API audience. User
      // scopes only: a service scope is never the web app's to ask for.
      policies: apiNames.map((api) => ({ audience: apis[api].audience, scope: scopesOf(api) })),
    },
  };
}

function serviceClient(caller: ApiName) {
  const calls = callsOf(caller)
    .map((c) => apis[c.callee].serviceName)
    .join(', ');
  return {
    name: serviceClientName(caller),
    description: `${apis[caller].serviceName} calling ${calls} as itself (client credentials); the local IdP calls it ${localServiceClient(caller).clientId}`,
    app_type: 'non_interactive',
    is_first_party: true,
    oidc_conformant: true,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    jwt_configuration: { alg: 'RS256' },
  };
}

function role(name: RoleName) {
  return {
    name,
    description: `${name}: ${roles[name].join(', ')} on every API (the local IdP's users have these roles)`,
    permissions: apiNames.flatMap((api) =>
      permissionsOfRole(name, api).map((permission_name) => ({
        permission_name,
        resource_server_identifier: apis[api].audience,
      })),
    ),
  };
}

/** The whole tenant.yaml document. */
export function tenantConfig() {
  return {
    resourceServers: apiNames.map(resourceServer),
    clients: [webClient(), ...callerNames().map(serviceClient)],
    // The registry's `calls`, one grant each: who may call whom, with which service scopes.
    clientGrants: serviceCalls().map(({ caller, callee, scopes }) => ({
      client_id: serviceClientName(caller),
      audience: apis[callee].audience,
      scope: [...scopes],
    })),
    roles: (Object.keys(roles) as RoleName[]).map(role),
    actions: [
      {
        name: claimsActionName,
        code: claimsActionCodePath,
        runtime: 'node22',
        dependencies: [],
        secrets: [],
        deployed: true,
        status: 'built',
        supported_triggers: [{ id: 'post-login', version: 'v3' }],
      },
    ],
    triggers: { 'post-login': [{ action_name: claimsActionName, display_name: claimsActionName }] },
  };
}

/** The Action's source: the same namespaced claims the local IdP adds to its access tokens. */
export function claimsActionSource(header: string): string {
  return `${header.replace(/^#/gm, '//')}//
// Post-login Action: Auth0 access tokens carry no email or name; the APIs read them from these
// namespaced claims (the local IdP adds the same ones in dev and tests).
const emailClaim = ${JSON.stringify(claims.email)};
const nameClaim = ${JSON.stringify(claims.name)};

/**
 * @param {{ user: { email?: string, name?: string } }} event
 * @param {{ accessToken: { setCustomClaim(name: string, value: unknown): void } }} api
 */
exports.onExecutePostLogin = async (event, api) => {
  if (event.user.email) api.accessToken.setCustomClaim(emailClaim, event.user.email);
  if (event.user.name) api.accessToken.setCustomClaim(nameClaim, event.user.name);
};
`;
}
