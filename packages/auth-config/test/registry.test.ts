import { describe, expect, it } from 'vitest';
import {
  allScopes,
  allServices,
  apiByAudience,
  apiNames,
  apis,
  callerNames,
  findLocalUser,
  localClientGrant,
  localDevSecrets,
  localServiceClient,
  localUsers,
  localWebClient,
  permissionsOf,
  permissionsOfRole,
  roles,
  scopesOf,
  serviceCalls,
  serviceScopesOf,
  type RoleName,
  services,
  webBanner,
  webPort,
} from '../src/index';

describe('registry consistency', () => {
  it('gives every service a unique port', () => {
    const ports = allServices().map((s) => s.port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('gives every API a unique audience and service name', () => {
    const audiences = apiNames.map((n) => apis[n].audience);
    expect(new Set(audiences).size).toBe(audiences.length);
    const names = allServices().map((s) => s.serviceName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('makes every scope belong to exactly one service, named after it', () => {
    const scopes = allScopes();
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const name of apiNames) {
      for (const scope of scopesOf(name)) expect(scope).toMatch(new RegExp(`^[a-z]+:${name}$`));
    }
  });

  it('has the default ports and audiences of the Conventions', () => {
    expect(Object.fromEntries(allServices().map((s) => [s.serviceName, s.port]))).toEqual({
      web: 3000,
      'local-idp': 4000,
      'orders-api': 4001,
      'profile-api': 4002,
    });
    expect(apiByAudience('https://api.example.com/orders')).toBe('orders');
    expect(apiByAudience('https://api.example.com/profile')).toBe('profile');
  });

  it('gives the seeded users the permissions of the Conventions', () => {
    const carol = findLocalUser('carol@example.com')!;
    expect(permissionsOf(carol)).toEqual(['read:orders', 'read:profile']);
    const alice = findLocalUser('alice')!;
    expect(permissionsOf(alice)).toEqual([
      'read:orders',
      'write:orders',
      'read:profile',
      'write:profile',
    ]);
    expect(permissionsOf(findLocalUser('admin')!)).toContain('admin:orders');
    expect(permissionsOf(alice, 'profile')).toEqual(['read:profile', 'write:profile']);
    expect(localUsers.map((u) => u.sub)).toEqual([
      'auth0|alice',
      'auth0|bob',
      'auth0|carol',
      'auth0|admin',
    ]);
  });
});

describe('service-to-service calls', () => {
  it('declares that orders-api reads profiles with read:profile:service, and nothing else', () => {
    expect(serviceCalls()).toEqual([
      { caller: 'orders', callee: 'profile', scopes: ['read:profile:service'] },
    ]);
    expect(callerNames()).toEqual(['orders']);
  });

  it('names only registered APIs other than the caller, and only service scopes of the callee', () => {
    for (const { caller, callee, scopes } of serviceCalls()) {
      expect(apiNames, `${caller} calls ${callee}`).toContain(callee);
      expect(callee).not.toBe(caller);
      expect(scopes.length, `${caller} → ${callee}`).toBeGreaterThan(0);
      for (const scope of scopes) expect(serviceScopesOf(callee)).toContain(scope);
    }
  });

  it('names service scopes <kind>:<api>:service, apart from every user scope and every role', () => {
    const service = apiNames.flatMap(serviceScopesOf);
    expect(service).toEqual(['read:profile:service']);
    for (const name of apiNames) {
      for (const scope of serviceScopesOf(name))
        expect(scope).toMatch(new RegExp(`^[a-z]+:${name}:service$`));
    }
    for (const scope of service) {
      expect(allScopes()).not.toContain(scope);
      for (const role of Object.keys(roles) as RoleName[])
        expect(permissionsOfRole(role)).not.toContain(scope);
    }
  });

  it('gives each caller a local M2M client named after it, whose secret production refuses', () => {
    expect(localServiceClient('orders')).toEqual({
      clientId: 'local-orders-api',
      clientSecret: 'local-orders-api-dev-secret-do-not-use-in-production',
    });
    for (const caller of callerNames()) {
      expect(localServiceClient(caller).clientId).not.toBe(localWebClient.clientId);
      expect(localDevSecrets).toContain(localServiceClient(caller).clientSecret);
    }
  });

  it("grants a local client exactly its caller's declared scopes, per audience", () => {
    expect(localClientGrant('local-orders-api', 'profile')).toEqual(['read:profile:service']);
    expect(localClientGrant('local-orders-api', 'orders')).toBeUndefined();
    expect(localClientGrant('local-web', 'profile')).toBeUndefined();
    expect(localClientGrant('local-m2m', 'profile')).toBeUndefined();
  });
});

describe('webBanner and webPort', () => {
  it('say where web runs and, with the local IdP, who can log in', () => {
    const env = { appBaseUrl: 'http://localhost:3100', profile: 'local' as const };
    expect(webPort(env)).toBe(3100);
    expect(webBanner(env)).toMatch(
      /^\[web\] open http:\/\/localhost:3100\n\[web\] local IdP logins, password "password": alice@example\.com \(member\)/,
    );
    expect(webBanner({ ...env, profile: 'auth0' as const })).toBe(
      '[web] open http://localhost:3100',
    );
  });

  it("fall back to the registry's web port when APP_BASE_URL has none", () => {
    expect(webPort({ appBaseUrl: 'https://app.example.com' })).toBe(services.web.port);
  });
});
