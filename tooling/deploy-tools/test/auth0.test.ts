/**
 * infra/auth0 is generated from the registry. These tests fail when it is stale, and check that
 * what deploy-cli would push (after its keyword replacement, per environment) is the tenant the
 * code expects: the same audiences, scopes, roles, claims and reuse window as the local IdP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  apiNames,
  apis,
  findWorkspaceRoot,
  callerNames,
  localUsers,
  localWebBackchannelLogoutUri,
  permissionsOf,
  refreshTokenReuseWindowSeconds,
  resourceScopesOf,
  scopesOf,
  serviceScopesOf,
  services,
  tokenLifetimes,
} from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { loadEnvironments } from '../src/auth0/environments';
import { auth0Files, configFile, tenantFile } from '../src/auth0/files';
import { claimsActionCodePath, serviceClientName, webClientName } from '../src/auth0/tenant';
import { staleFiles } from '../src/generated-files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

interface Tenant {
  resourceServers: {
    identifier: string;
    scopes: { value: string }[];
    enforce_policies: boolean;
    token_dialect: string;
    token_lifetime: number;
  }[];
  clients: {
    name: string;
    callbacks?: string[];
    allowed_logout_urls?: string[];
    web_origins?: string[];
    oidc_logout?: {
      backchannel_logout_urls: string[];
      backchannel_logout_initiators: { mode: string; selected_initiators: string[] };
    };
    grant_types: string[];
    refresh_token?: {
      rotation_type: string;
      leeway: number;
      idle_token_lifetime: number;
      policies: { audience: string; scope: string[] }[];
    };
  }[];
  clientGrants: { client_id: string; audience: string; scope: string[] }[];
  roles: {
    name: string;
    permissions: { permission_name: string; resource_server_identifier: string }[];
  }[];
  actions: { name: string; code: string; supported_triggers: { id: string }[] }[];
  triggers: Record<string, { action_name: string }[]>;
}

/** What auth0-deploy-cli does before it parses the YAML: '@@KEY@@' (quoted or not) -> JSON. */
function tenantFor(environment: string): Tenant {
  const { AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings } = JSON.parse(
    read(configFile(environment)),
  ) as {
    AUTH0_KEYWORD_REPLACE_MAPPINGS: Record<string, unknown>;
  };
  let text = read(tenantFile);
  for (const [key, value] of Object.entries(mappings)) {
    text = text.replace(
      new RegExp(`'@@${key}@@'|"@@${key}@@"|@@${key}@@`, 'g'),
      JSON.stringify(value),
    );
  }
  expect(text, 'every keyword has a value in this environment').not.toMatch(/@@\w+@@/);
  return parse(text) as Tenant;
}

const environments = loadEnvironments(repoRoot);

describe('infra/auth0 is generated from the registry', () => {
  it('is up to date (else run: pnpm --filter @repo/deploy-tools gen:auth0)', async () => {
    expect(staleFiles(repoRoot, await auth0Files(repoRoot))).toEqual([]);
  });

  it('has one deploy-cli config per environment, development on the registry web port first', () => {
    expect(environments.map((e) => e.name)).toEqual(['development', 'staging', 'production']);
    expect(environments[0]!.webBaseUrls).toEqual([`http://localhost:${services.web.port}`]);
  });
});

describe.each(environments.map((e) => [e.name, e] as const))('the %s tenant', (name, env) => {
  const tenant = tenantFor(name);
  const web = tenant.clients.find((c) => c.name === webClientName)!;

  it('has a resource server per API with its scopes, RBAC on and permissions in the token', () => {
    expect(tenant.resourceServers.map((r) => r.identifier)).toEqual(
      apiNames.map((api) => apis[api].audience),
    );
    for (const api of apiNames) {
      const server = tenant.resourceServers.find((r) => r.identifier === apis[api].audience)!;
      expect(server.scopes.map((s) => s.value)).toEqual(resourceScopesOf(api));
      expect(server.enforce_policies).toBe(true);
      expect(server.token_dialect).toBe('access_token_authz');
      expect(server.token_lifetime).toBe(tokenLifetimes.accessTokenSeconds);
    }
  });

  it("registers the web app's callback, logout and origin for each of its URLs", () => {
    expect(web.callbacks).toEqual(env.webBaseUrls.map((base) => `${base}/auth/callback`));
    expect(web.allowed_logout_urls).toEqual(env.webBaseUrls);
    expect(web.web_origins).toEqual(env.webBaseUrls);
    expect(web.grant_types).toEqual(['authorization_code', 'refresh_token']);
  });

  it('posts logout tokens to the web app’s back-channel route, the one the local IdP posts to', () => {
    const urls = web.oidc_logout?.backchannel_logout_urls;
    // Auth0 takes one URL, https and not loopback: a deployed environment's first origin, and
    // none for a developer's tenant (the web app is on http://localhost there).
    const backchannelPath = new URL(localWebBackchannelLogoutUri).pathname;
    expect(urls).toEqual(name === 'development' ? [] : [`${env.webBaseUrls[0]}${backchannelPath}`]);
    for (const url of urls ?? []) expect(new URL(url).protocol).toBe('https:');
  });

  it('sends a logout token for every event that ends the Auth0 session, chosen one by one', () => {
    // The values Auth0's Management API accepts (ClientOIDCBackchannelLogoutInitiatorsEnum).
    expect(web.oidc_logout?.backchannel_logout_initiators).toEqual({
      mode: 'custom',
      selected_initiators: [
        'rp-logout',
        'idp-logout',
        'password-changed',
        'session-expired',
        'session-revoked',
        'account-deleted',
        'email-identifier-changed',
        'mfa-phone-unenrolled',
        'account-deactivated',
      ],
    });
  });

  it('rotates refresh tokens with the reuse window the local IdP mirrors, and has an MRRT policy for every API', () => {
    expect(web.refresh_token).toMatchObject({
      rotation_type: 'rotating',
      leeway: refreshTokenReuseWindowSeconds,
      idle_token_lifetime: tokenLifetimes.refreshTokenIdleSeconds,
    });
    expect(web.refresh_token!.policies).toEqual(
      apiNames.map((api) => ({ audience: apis[api].audience, scope: scopesOf(api) })),
    );
  });

  it("has a role per local IdP user that gives exactly that user's permissions", () => {
    for (const user of localUsers) {
      const role = tenant.roles.find((r) => r.name === user.role);
      expect(role, user.email).toBeDefined();
      for (const api of apiNames) {
        const granted = role!.permissions
          .filter((p) => p.resource_server_identifier === apis[api].audience)
          .map((p) => p.permission_name);
        expect(granted, `${user.email} on ${api}`).toEqual(permissionsOf(user, api));
      }
    }
  });

  it('gives each calling API an M2M application of its own, granted exactly its registry calls', () => {
    const m2m = tenant.clients.filter((c) => c.grant_types.includes('client_credentials'));
    expect(m2m.map((c) => c.name)).toEqual(['orders-api']);
    expect(m2m.map((c) => c.name)).toEqual(callerNames().map(serviceClientName));
    for (const client of m2m) expect(client.grant_types).toEqual(['client_credentials']);
    expect(tenant.clientGrants).toEqual([
      {
        client_id: 'orders-api',
        audience: apis.profile.audience,
        scope: ['read:profile:service'],
      },
    ]);
  });

  it('never gives a service scope to the web app (MRRT) or to a role', () => {
    const serviceScopes = apiNames.flatMap(serviceScopesOf);
    expect(serviceScopes.length).toBeGreaterThan(0);
    const mrrt = web.refresh_token!.policies.flatMap((p) => p.scope);
    const roleScopes = tenant.roles.flatMap((r) => r.permissions.map((p) => p.permission_name));
    for (const scope of serviceScopes) {
      expect(mrrt).not.toContain(scope);
      expect(roleScopes).not.toContain(scope);
    }
  });

  it('runs the claims Action on post-login', () => {
    const [action] = tenant.actions;
    expect(action?.code).toBe(claimsActionCodePath);
    expect(action?.supported_triggers.map((t) => t.id)).toEqual(['post-login']);
    expect(tenant.triggers['post-login']).toEqual([
      expect.objectContaining({ action_name: action?.name }),
    ]);
  });
});

/** The generated Action, loaded as Auth0 loads it (CommonJS). */
const loadAction = () =>
  createRequire(import.meta.url)(join(repoRoot, 'infra', 'auth0', claimsActionCodePath)) as {
    onExecutePostLogin(event: unknown, api: unknown): Promise<void>;
  };

describe('the claims Action', () => {
  let idp: LocalIdp;
  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0 });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  it('adds the same namespaced email and name claims as the local IdP puts in a token', async () => {
    const action = loadAction();
    for (const user of localUsers) {
      const set: Record<string, unknown> = {};
      await action.onExecutePostLogin(
        { user: { email: user.email, name: user.name, user_id: user.sub } },
        { accessToken: { setCustomClaim: (key: string, value: unknown) => (set[key] = value) } },
      );
      const token = await idp.mintAccessToken({
        sub: user.sub,
        audience: apis[apiNames[0]!].audience,
      });
      const payload = JSON.parse(
        Buffer.from(token.split('.')[1]!, 'base64url').toString(),
      ) as Record<string, unknown>;
      const namespaced = Object.fromEntries(
        Object.entries(payload).filter(([key]) => key.startsWith('https://')),
      );
      expect(set, user.email).toEqual(namespaced);
      expect(Object.keys(set)).toHaveLength(2);
    }
  });

  it('adds nothing it does not have', async () => {
    const action = loadAction();
    const set: Record<string, unknown> = {};
    await action.onExecutePostLogin(
      { user: {} },
      { accessToken: { setCustomClaim: (key: string, value: unknown) => (set[key] = value) } },
    );
    expect(set).toEqual({});
  });
});
