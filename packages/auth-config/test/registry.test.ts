import { describe, expect, it } from 'vitest';
import {
  allScopes,
  allServices,
  apiByAudience,
  apiNames,
  apis,
  findLocalUser,
  localUsers,
  permissionsOf,
  scopesOf,
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
