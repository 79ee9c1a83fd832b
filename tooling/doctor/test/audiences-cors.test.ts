import { apis, services } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../src';
import { deadPorts, doctor, localSources, row } from './support/setup';

describe('audiences', () => {
  it("moves an API's typo back to the registry, never web onto the typo", async () => {
    const report = await doctor(
      localSources(await deadPorts(), {
        'orders-api': { AUTH0_AUDIENCE: 'https://api.example.com/order' },
      }),
    );
    const r = row(report, 'orders-api AUTH0_AUDIENCE');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `orders-api accepts only "https://api.example.com/order", but web asks for "${apis.orders.audience}" when it calls orders-api: every call answers 401`,
    );
    expect(r.fix).toBe(
      `unset AUTH0_AUDIENCE in apps/orders-api (the registry's is ${apis.orders.audience}, which web asks for)`,
    );
    expect(row(report, 'profile-api AUTH0_AUDIENCE').status).toBe('pass');
  });

  it("moves web's typo back to the registry when the API has the registry's", async () => {
    const report = await doctor(
      localSources(await deadPorts(), {
        web: { PROFILE_API_AUDIENCE: 'https://api.example.com/profiles' },
      }),
    );
    expect(row(report, 'profile-api AUTH0_AUDIENCE')).toMatchObject({
      status: 'fail',
      fix: `unset PROFILE_API_AUDIENCE in apps/web (the registry's is ${apis.profile.audience}, which profile-api accepts)`,
    });
  });

  it("asks for one value, preferably the registry's, when both sides left it", async () => {
    const report = await doctor(
      localSources(await deadPorts(), {
        web: { ORDERS_API_AUDIENCE: 'https://orders.example.com' },
        'orders-api': { AUTH0_AUDIENCE: 'https://api.example.com/shop' },
      }),
    );
    expect(row(report, 'orders-api AUTH0_AUDIENCE').fix).toBe(
      `make them equal, preferably the registry's ${apis.orders.audience}: unset ORDERS_API_AUDIENCE in apps/web and AUTH0_AUDIENCE in apps/orders-api; or set both to the same Auth0 API Identifier`,
    );
  });

  it("reports an API that accepts another API's audience", async () => {
    const report = await doctor(
      localSources(await deadPorts(), {
        'orders-api': { AUTH0_AUDIENCE: apis.profile.audience },
      }),
    );
    expect(row(report, 'orders-api AUTH0_AUDIENCE')).toMatchObject({
      status: 'fail',
      fix: `unset AUTH0_AUDIENCE in apps/orders-api (the registry's is ${apis.orders.audience}, which web asks for)`,
    });
  });

  it('reports an audience the local IdP does not issue, even when both sides agree', async () => {
    const report = await doctor(
      localSources(await deadPorts(), {
        web: { PROFILE_API_AUDIENCE: 'https://api.example.com/me' },
        'profile-api': { AUTH0_AUDIENCE: 'https://api.example.com/me' },
      }),
    );
    const r = row(report, 'profile-api AUTH0_AUDIENCE');
    expect(r.status).toBe('fail');
    expect(r.fix).toContain(`to use "${apis.profile.audience}"`);
  });
});

describe('CORS', () => {
  it('reports an API that does not allow the web origin', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, { 'profile-api': { CORS_ALLOWED_ORIGINS: 'https://app.example.com' } }),
    );
    const r = row(report, 'profile-api CORS_ALLOWED_ORIGINS');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `https://app.example.com does not include the web origin http://localhost:${ports.web} (APP_BASE_URL): browser calls are blocked`,
    );
    expect(r.fix).toBe(
      `set CORS_ALLOWED_ORIGINS=https://app.example.com,http://localhost:${ports.web} in apps/profile-api`,
    );
  });

  it('compares origins, not URLs: a path in APP_BASE_URL does not matter', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, { web: { APP_BASE_URL: `http://localhost:${ports.web}/app` } }),
    );
    expect(row(report, 'orders-api CORS_ALLOWED_ORIGINS').status).toBe('pass');
  });

  it('reports a wildcard, with the fix, even though the loader refuses it too', async () => {
    const report = await doctor(
      localSources(await deadPorts(), { 'orders-api': { CORS_ALLOWED_ORIGINS: '*' } }),
    );
    const wildcard = report.results.filter((r) => r.subject === 'orders-api CORS_ALLOWED_ORIGINS');
    expect(wildcard.map((r) => [r.group, r.status])).toEqual([
      ['env', 'fail'],
      ['cors', 'fail'],
    ]);
    expect(wildcard[1]).toMatchObject({
      detail: '"*" contains a wildcard',
      fix: `list exact origins instead, e.g. CORS_ALLOWED_ORIGINS=http://localhost:${services.web.port} (a wildcard lets any website call the API from a signed-in browser)`,
    });
    expect(renderTable(report)).toContain('✗  cors       orders-api CORS_ALLOWED_ORIGINS');
  });

  it("reports a wildcard in the web app's URLs too", async () => {
    const report = await doctor(
      localSources(await deadPorts(), { web: { ORDERS_API_URL: 'http://*.example.com' } }),
    );
    expect(row(report, 'web ORDERS_API_URL')).toBeDefined();
    expect(
      report.results.find(
        (r) => r.subject === 'web ORDERS_API_URL' && r.detail.includes('wildcard'),
      )?.fix,
    ).toBe('set ORDERS_API_URL to one exact value; wildcards are not matched by Auth0 or the apps');
  });
});
