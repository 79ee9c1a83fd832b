import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceStub, type TinyServer } from './support/servers';
import { doctor, localSources, row, type Ports } from './support/setup';

/**
 * An API that calls another (orders-api → profile-api): its own M2M client, its grant checked
 * with one real client-credentials request to the local IdP, its callee's audience and port.
 */
describe('service-to-service calls', () => {
  let idp: LocalIdp;
  const tokenRequests: string[] = [];
  let servers: TinyServer[];
  let ports: Ports;

  beforeAll(async () => {
    idp = await startLocalIdp({
      port: 0,
      onRequest: (r) => {
        if (r.path === '/oauth/token') tokenRequests.push(`${r.status}`);
      },
    });
    servers = await Promise.all([serviceStub(), serviceStub(), serviceStub()]);
    const [web, orders, profile] = servers as [TinyServer, TinyServer, TinyServer];
    ports = { idp: idp.port, web: web.port, orders: orders.port, profile: profile.port };
  });
  afterAll(async () => {
    await Promise.all([idp?.stop(), ...servers.map((s) => s.stop())]);
  });

  it('gets orders-api a token for profile-api with its grant, spending one token, and says so', async () => {
    const before = tokenRequests.length;
    const report = await doctor(localSources(ports));
    expect(row(report, 'orders-api AUTH0_CLIENT_ID')).toMatchObject({
      status: 'pass',
      detail: 'its own M2M client "local-orders-api"',
    });
    expect(row(report, 'orders-api → profile-api')).toMatchObject({
      group: 'calls',
      status: 'pass',
      detail:
        'client "local-orders-api" gets read:profile:service for https://api.example.com/profile (one M2M token spent on this check)',
    });
    expect(tokenRequests.slice(before)).toEqual(['200']);
    expect(report.results.some((r) => r.subject.startsWith('profile-api →'))).toBe(false);
  });

  it("flags orders-api using the web app's client id, which the IdP grants nothing", async () => {
    const report = await doctor(
      localSources(ports, {
        'orders-api': {
          AUTH0_CLIENT_ID: 'local-web',
          AUTH0_CLIENT_SECRET: 'local-web-dev-secret-do-not-use-in-production',
        },
      }),
    );
    const id = row(report, 'orders-api AUTH0_CLIENT_ID');
    expect(id.status).toBe('fail');
    expect(id.detail).toBe(
      '"local-web" is the web app\'s client: orders-api would call as the web app, with its secret and grants',
    );
    expect(id.fix).toContain(
      'its own machine-to-machine application ("orders-api" in infra/auth0)',
    );
    const grant = row(report, 'orders-api → profile-api');
    expect(grant.status).toBe('fail');
    expect(grant.detail).toMatch(/\(403 access_denied: Client is not authorized to access/);
    expect(report.ok).toBe(false);
  });

  it('names a wrong secret as such', async () => {
    const report = await doctor(
      localSources(ports, { 'orders-api': { AUTH0_CLIENT_SECRET: 'not-the-secret' } }),
    );
    const grant = row(report, 'orders-api → profile-api');
    expect(grant.status).toBe('fail');
    expect(grant.detail).toMatch(/\(401 invalid_client/);
    expect(grant.fix).toBe(
      'AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET in apps/orders-api are not a valid pair: copy both from the "orders-api" application',
    );
    expect(JSON.stringify(report)).not.toContain('not-the-secret');
  });

  it("finds a callee audience or port that does not match profile-api's own", async () => {
    const report = await doctor(
      localSources(ports, {
        'orders-api': {
          PROFILE_API_AUDIENCE: 'https://api.example.com/profiles',
          PROFILE_API_URL: `http://localhost:${ports.web}`,
        },
      }),
    );
    expect(row(report, 'orders-api PROFILE_API_AUDIENCE')).toMatchObject({
      status: 'fail',
      fix: 'set PROFILE_API_AUDIENCE=https://api.example.com/profile in apps/orders-api',
    });
    expect(row(report, 'orders-api PROFILE_API_URL')).toMatchObject({
      status: 'fail',
      detail: `orders-api calls profile-api at http://localhost:${ports.web}, but profile-api listens on PORT=${ports.profile}`,
    });
  });
});
