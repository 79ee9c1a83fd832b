import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTable } from '../src';
import { deadPort, serviceStub, type TinyServer } from './support/servers';
import { doctor } from './support/setup';

/**
 * The tenant profile: an https issuer cannot be served here without certificates, so the
 * issuer is https://localhost:<dead port> (unreachable, which is its own row) and the test is
 * about what only the tenant profile does: print the URLs to register.
 */
describe('with an Auth0 tenant', () => {
  let services: TinyServer[];
  beforeAll(async () => {
    services = await Promise.all([serviceStub(), serviceStub(), serviceStub()]);
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  it('prints the exact callback and logout URLs to register, and does not probe a local IdP', async () => {
    const [web, orders, profile] = services as [TinyServer, TinyServer, TinyServer];
    const tenant = `localhost:${await deadPort()}`;
    const shared = { AUTH0_DOMAIN: tenant };
    const report = await doctor({
      web: {
        ...shared,
        AUTH0_CLIENT_ID: 'abc123',
        AUTH0_CLIENT_SECRET: 'a-client-secret-from-the-dashboard',
        AUTH0_SECRET: 'f'.repeat(64),
        APP_BASE_URL: web.url,
        ORDERS_API_URL: orders.url,
        PROFILE_API_URL: profile.url,
      },
      'orders-api': {
        ...shared,
        PORT: String(orders.port),
        CORS_ALLOWED_ORIGINS: web.url,
        AUTH0_CLIENT_ID: 'orders-api-m2m',
        AUTH0_CLIENT_SECRET: 'a-secret-from-the-dashboard',
        PROFILE_API_URL: profile.url,
      },
      'profile-api': { ...shared, PORT: String(profile.port), CORS_ALLOWED_ORIGINS: web.url },
    });
    expect(report.profile).toBe('auth0');
    const redirects = report.results.filter((r) => r.group === 'redirects');
    expect(redirects).toEqual([
      {
        group: 'redirects',
        subject: 'Allowed Callback URLs',
        status: 'info',
        detail: `register ${web.url}/auth/callback in your Auth0 application`,
      },
      {
        group: 'redirects',
        subject: 'Allowed Logout URLs',
        status: 'info',
        detail: `register ${web.url} in your Auth0 application`,
      },
    ]);
    expect(report.results.some((r) => r.subject.startsWith('local-idp /'))).toBe(false);
    const discovery = report.results.find((r) => r.subject === `discovery https://${tenant}/`);
    expect(discovery?.fix).toContain(
      'check AUTH0_DOMAIN (the tenant domain from the Auth0 dashboard',
    );
    expect(renderTable(report)).toContain(`i  redirects  Allowed Callback URLs`);
  });
});
