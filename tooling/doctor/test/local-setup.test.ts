import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson, renderTable } from '../src';
import { serviceStub, webStub, type TinyServer } from './support/servers';
import { doctor, localSources, type Ports } from './support/setup';

describe('a correct local setup', () => {
  let idp: LocalIdp;
  let web: TinyServer;
  let orders: TinyServer;
  let profile: TinyServer;
  let ports: Ports;

  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0 });
    [web, orders, profile] = await Promise.all([
      webStub({ issuer: `http://localhost:${idp.port}/` }),
      serviceStub(),
      serviceStub(),
    ]);
    ports = { idp: idp.port, web: web.port, orders: orders.port, profile: profile.port };
  });
  afterAll(async () => {
    await Promise.all([idp?.stop(), web?.stop(), orders?.stop(), profile?.stop()]);
  });

  it('passes every check, against the real local IdP', async () => {
    const report = await doctor(localSources(ports));
    const notPassing = report.results.filter((r) => r.status !== 'pass');
    expect(notPassing).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.profile).toBe('local');
    // Every group of the issue is covered by at least one row.
    expect(new Set(report.results.map((r) => r.group))).toEqual(
      new Set([
        'env',
        'issuer',
        'clock',
        'audiences',
        'cors',
        'redirects',
        'routes',
        'sessions',
        'calls',
        'services',
      ]),
    );
  });

  it('renders a table of ✓ rows and machine-readable JSON', async () => {
    const report = await doctor(localSources(ports));
    const table = renderTable(report);
    expect(table).not.toContain('✗');
    expect(table).toMatch(
      /✓\s+redirects\s+callback URL\s+the local IdP accepts redirect_uri http:\/\/localhost:\d+\/auth\/callback/,
    );
    expect(table).toMatch(/✓\s+services\s+local-idp \/healthz\s+up at/);
    const parsed = JSON.parse(renderJson(report)) as {
      ok: boolean;
      summary: { fail: number };
      checks: unknown[];
    };
    expect(parsed.ok).toBe(true);
    expect(parsed.summary.fail).toBe(0);
    expect(parsed.checks).toHaveLength(report.results.length);
  });

  it('finds a redirect URL the real IdP refuses: 127.0.0.1 is not localhost', async () => {
    const report = await doctor(
      localSources(ports, { web: { APP_BASE_URL: `http://127.0.0.1:${ports.web}` } }),
    );
    const callback = report.results.find((r) => r.subject === 'callback URL')!;
    const logout = report.results.find((r) => r.subject === 'logout URL')!;
    for (const r of [callback, logout]) {
      expect(r.status).toBe('fail');
      expect(r.fix).toBe(
        `the local IdP accepts localhost and the origins in LOCAL_IDP_WEB_ORIGINS: set APP_BASE_URL=http://localhost:${ports.web} in apps/web, or add http://127.0.0.1:${ports.web} to LOCAL_IDP_WEB_ORIGINS`,
      );
    }
    // The detail quotes the IdP's own error page.
    expect(callback.detail).toBe(
      `the local IdP refuses redirect_uri http://127.0.0.1:${ports.web}/auth/callback (400: Sign-in error: invalid_redirect_uri: redirect_uri did not match any of the client's registered redirect_uris): login ends on its error page`,
    );
    expect(logout.detail).toBe(
      `the local IdP refuses returnTo http://127.0.0.1:${ports.web} (400: Logout refused: returnTo "http://127.0.0.1:${ports.web}" is not an allowed logout URL (only localhost and LOCAL_IDP_WEB_ORIGINS…): logout ends on its error page`,
    );
    expect(report.ok).toBe(false);
  });

  it('finds a client id the real IdP does not know, at login and at logout', async () => {
    // /v2/logout hands a valid returnTo on to the end-session endpoint, which checks the client.
    const report = await doctor(
      localSources(ports, { web: { AUTH0_CLIENT_ID: 'my-tenant-client' } }),
    );
    for (const subject of ['callback URL', 'logout URL']) {
      const r = report.results.find((x) => x.subject === subject)!;
      expect(r.status).toBe('fail');
      expect(r.detail).toContain('(400: ');
      expect(r.detail).toContain('invalid_client: client is invalid');
      expect(r.fix).toBe(
        'unset AUTH0_CLIENT_ID in apps/web: the local IdP knows only the client "local-web"',
      );
    }
  });
});
