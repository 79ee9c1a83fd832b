import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTable } from '../src';
import { removeTempRepos, tempRepo } from './support/files';
import { deadPort, serviceStub, type TinyServer } from './support/servers';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

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

  it('prints the exact callback, logout and back-channel logout URLs to register, and does not probe a local IdP', async () => {
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
        detail: `register ${web.url}/auth/callback in your Auth0 application (v4's path; v3's /api/auth/callback is refused)`,
      },
      {
        group: 'redirects',
        subject: 'Allowed Logout URLs',
        status: 'info',
        detail: `register ${web.url} in your Auth0 application`,
      },
      {
        group: 'redirects',
        subject: 'Back-Channel Logout URI',
        status: 'info',
        detail: `register ${web.url}/auth/backchannel-logout in your Auth0 application (OpenID Connect Back-Channel Logout)`,
      },
      // This repo's own tenant as code.
      expect.objectContaining({ subject: 'infra/auth0 callback URLs', status: 'pass' }),
    ]);
    expect(report.results.some((r) => r.subject.startsWith('local-idp /'))).toBe(false);
    const discovery = report.results.find((r) => r.subject === `discovery https://${tenant}/`);
    expect(discovery?.fix).toContain(
      'check AUTH0_DOMAIN (the tenant domain from the Auth0 dashboard',
    );
    expect(renderTable(report)).toContain(`i  redirects  Allowed Callback URLs`);
  });
});

describe('the tenant as code (infra/auth0)', () => {
  afterAll(removeTempRepos);

  const generated = (callbacks: string[]) =>
    `${JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { WEB_CALLBACKS: callbacks } }, null, 2)}\n`;

  async function withTenantFiles(files: Record<string, string>) {
    return doctor(localSources(await deadPorts()), {
      fetch: nothingListens,
      files: tempRepo(files),
    });
  }

  it("fails a generated file that registers v3's /api/auth/callback, with the command that rewrites it", async () => {
    const report = await withTenantFiles({
      'infra/auth0/tenant.yaml': "callbacks: '@@WEB_CALLBACKS@@'\n",
      'infra/auth0/config/production.json': generated([
        'https://app.example.com/api/auth/callback',
      ]),
      'infra/auth0/config/staging.json': generated(['https://staging.example.com/auth/callback']),
    });
    expect(row(report, 'infra/auth0/config/production.json')).toEqual({
      group: 'redirects',
      subject: 'infra/auth0/config/production.json',
      status: 'fail',
      detail:
        'registers https://app.example.com/api/auth/callback (line 4): /api/auth/callback is nextjs-auth0 v3\'s path; v4 sends redirect_uri <APP_BASE_URL>/auth/callback, which Auth0 then refuses ("Callback URL mismatch")',
      fix: 'regenerate the tenant files with `pnpm --filter @repo/deploy-tools gen:auth0`, which writes <base>/auth/callback (they are generated: change the registry or infra/auth0/environments.json, never them), then deploy the tenant',
    });
    expect(report.results.some((r) => r.subject === 'infra/auth0/config/staging.json')).toBe(false);
    expect(report.results.some((r) => r.subject === 'infra/auth0 callback URLs')).toBe(false);
  });

  it('reads tenant.yaml too, and says where base URLs belong when environments.json has the path', async () => {
    const report = await withTenantFiles({
      'infra/auth0/tenant.yaml': 'callbacks:\n  - http://localhost:3000/api/auth/callback\n',
      'infra/auth0/environments.json':
        '{ "production": { "webBaseUrls": ["https://app.example.com/api/auth/callback"] } }\n',
    });
    expect(row(report, 'infra/auth0/tenant.yaml').detail).toMatch(
      /^registers http:\/\/localhost:3000\/api\/auth\/callback \(line 2\)/,
    );
    expect(row(report, 'infra/auth0/environments.json').fix).toBe(
      'list base URLs only in infra/auth0/environments.json (e.g. https://app.example.com), then `pnpm --filter @repo/deploy-tools gen:auth0` and deploy the tenant',
    );
  });

  it("passes this repo's own tenant files", async () => {
    const report = await doctor(localSources(await deadPorts()), { fetch: nothingListens });
    expect(row(report, 'infra/auth0 callback URLs')).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/^no \/api\/auth\/callback \(v3's path\) in \d+ tenant files$/),
    });
  });
});
