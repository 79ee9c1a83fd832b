import { apis } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { renderTable, type EnvSources } from '../src';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

/** The doctor on a local setup with these edits; nothing is running (only env rows matter). */
async function withEnv(edits: Parameters<typeof localSources>[1]) {
  return doctor(localSources(await deadPorts(), edits), { fetch: nothingListens });
}

/** A tenant-profile env for every app, with these edits to web. */
async function tenant(webEdits: Record<string, string | undefined>): Promise<EnvSources> {
  const ports = await deadPorts();
  const sources = localSources(ports);
  const shared = { USE_LOCAL_IDP: undefined, AUTH0_DOMAIN: 'your-tenant.eu.auth0.com' };
  return {
    ...sources,
    web: {
      ...sources.web,
      ...shared,
      AUTH0_CLIENT_ID: 'abc123',
      AUTH0_CLIENT_SECRET: 'a-client-secret-from-the-dashboard',
      AUTH0_SECRET: 'f'.repeat(64),
      ...webEdits,
    },
    'orders-api': { ...sources['orders-api'], ...shared },
    'profile-api': { ...sources['profile-api'], ...shared },
  };
}

const remove = (name: string, folder = 'apps/web') =>
  `remove ${name} from ${folder}/.env.local or .env (or unset it in the shell)`;

describe('v3-era variable names', () => {
  it('warns about AUTH0_ISSUER_BASE_URL beside AUTH0_DOMAIN: remove it', async () => {
    const report = await doctor(
      await tenant({ AUTH0_ISSUER_BASE_URL: 'https://your-tenant.eu.auth0.com/' }),
      { fetch: nothingListens },
    );
    expect(row(report, 'web AUTH0_ISSUER_BASE_URL')).toEqual({
      group: 'env',
      subject: 'web AUTH0_ISSUER_BASE_URL',
      status: 'warn',
      detail:
        'a v3-era name: web reads AUTH0_DOMAIN instead (a bare domain, no https://), which is set',
      fix: remove('AUTH0_ISSUER_BASE_URL'),
    });
    // Right under web's own env rows, where the user looks at web.
    const subjects = report.results.map((r) => r.subject);
    expect(subjects.indexOf('web AUTH0_ISSUER_BASE_URL')).toBe(subjects.indexOf('web') + 1);
  });

  it('fails AUTH0_ISSUER_BASE_URL without AUTH0_DOMAIN, and the AUTH0_DOMAIN row names it', async () => {
    // In production a missing AUTH0_DOMAIN is an env failure of its own.
    const report = await doctor(
      await tenant({
        AUTH0_DOMAIN: undefined,
        AUTH0_ISSUER_BASE_URL: 'https://your-tenant.eu.auth0.com',
      }),
      { fetch: nothingListens, production: true },
    );
    expect(row(report, 'web AUTH0_ISSUER_BASE_URL')).toMatchObject({
      status: 'fail',
      detail:
        'a v3-era name: web reads AUTH0_DOMAIN instead (a bare domain, no https://); AUTH0_DOMAIN is unset, so web does not use "https://your-tenant.eu.auth0.com"',
      fix: `set AUTH0_DOMAIN=your-tenant.eu.auth0.com in apps/web/.env.local (a bare domain, no https://), and ${remove('AUTH0_ISSUER_BASE_URL')}`,
    });
    expect(row(report, 'web AUTH0_DOMAIN').fix).toBe(
      'set it to your tenant domain, e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com (or USE_LOCAL_IDP=true for the local IdP) (in apps/web/.env.local); AUTH0_ISSUER_BASE_URL is set there, but that is the v3-era name of AUTH0_DOMAIN',
    );
  });

  it('fails AUTH0_ISSUER_BASE_URL in dev too, where web would quietly use the local IdP', async () => {
    const report = await doctor(
      { web: { AUTH0_ISSUER_BASE_URL: 'https://your-tenant.eu.auth0.com/' } },
      { fetch: nothingListens },
    );
    expect(row(report, 'web')).toMatchObject({ status: 'pass' });
    expect(row(report, 'web AUTH0_ISSUER_BASE_URL').status).toBe('fail');
    expect(report.ok).toBe(false);
  });

  it('finds it in an API too, and names the API folder', async () => {
    const ports = await deadPorts();
    const report = await withEnv({
      'orders-api': { AUTH0_ISSUER_BASE_URL: `http://localhost:${ports.idp}/` },
    });
    expect(row(report, 'orders-api AUTH0_ISSUER_BASE_URL')).toMatchObject({
      status: 'warn',
      fix: remove('AUTH0_ISSUER_BASE_URL', 'apps/orders-api'),
    });
  });

  it('maps AUTH0_BASE_URL to APP_BASE_URL, failing when web would use another URL', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, {
        web: { APP_BASE_URL: undefined, AUTH0_BASE_URL: `http://localhost:${ports.web}/` },
      }),
      { fetch: nothingListens },
    );
    expect(row(report, 'web AUTH0_BASE_URL')).toMatchObject({
      status: 'fail',
      detail: `a v3-era name: web reads APP_BASE_URL instead (the same URL under its v4 name); APP_BASE_URL is unset, so web does not use "http://localhost:${ports.web}/"`,
      fix: `set APP_BASE_URL=http://localhost:${ports.web} in apps/web/.env.local (the same URL under its v4 name), and ${remove('AUTH0_BASE_URL')}`,
    });
  });

  it('only warns when the default APP_BASE_URL is what the old name said', async () => {
    const report = await withEnv({
      web: { APP_BASE_URL: undefined, AUTH0_BASE_URL: 'http://localhost:3000' },
    });
    expect(row(report, 'web AUTH0_BASE_URL')).toMatchObject({
      status: 'warn',
      detail:
        'a v3-era name: web reads APP_BASE_URL instead (the same URL under its v4 name); APP_BASE_URL is unset, and its default happens to match',
    });
  });

  it('maps NEXT_PUBLIC_APP_URL to APP_BASE_URL, read at run time', async () => {
    const report = await withEnv({ web: { NEXT_PUBLIC_APP_URL: 'http://localhost:3000' } });
    expect(row(report, 'web NEXT_PUBLIC_APP_URL')).toMatchObject({
      status: 'warn',
      detail:
        'a v3-era name: web reads APP_BASE_URL instead (read by the server at run time, not inlined at build time), which is set',
      fix: remove('NEXT_PUBLIC_APP_URL'),
    });
  });

  it("flags web's AUTH0_AUDIENCE, never an API's own", async () => {
    const report = await withEnv({
      web: { AUTH0_AUDIENCE: apis.orders.audience },
      'orders-api': { AUTH0_AUDIENCE: apis.orders.audience },
    });
    expect(row(report, 'web AUTH0_AUDIENCE')).toMatchObject({
      status: 'warn',
      detail:
        "a v3-era name, which web never reads: web asks one token per API, each with that API's audience from the registry",
      fix: `${remove('AUTH0_AUDIENCE')}: "${apis.orders.audience}" is orders-api's audience in the registry already (ORDERS_API_AUDIENCE, PROFILE_API_AUDIENCE override one API's)`,
    });
    expect(row(report, 'orders-api AUTH0_AUDIENCE').group).toBe('audiences');
    expect(report.results.filter((r) => r.subject === 'orders-api AUTH0_AUDIENCE')).toHaveLength(1);
  });

  it("names the per-API variable for an audience that is not the registry's", async () => {
    const report = await withEnv({ web: { AUTH0_AUDIENCE: 'https://shop.example.com' } });
    expect(row(report, 'web AUTH0_AUDIENCE').fix).toBe(
      `${remove('AUTH0_AUDIENCE')}; if "https://shop.example.com" is an API Identifier in your tenant, set it as that API's audience instead (ORDERS_API_AUDIENCE, PROFILE_API_AUDIENCE)`,
    );
  });

  it('flags AUTH0_SCOPE: the registry supplies the scopes', async () => {
    const report = await withEnv({ web: { AUTH0_SCOPE: 'openid profile read:orders' } });
    expect(row(report, 'web AUTH0_SCOPE')).toMatchObject({
      status: 'warn',
      detail:
        "a v3-era name, which web never reads: the scopes come from the registry, each API's own",
      fix: remove('AUTH0_SCOPE'),
    });
    expect(renderTable(report)).toMatch(
      /!\s+env\s+web AUTH0_SCOPE\s+a v3-era name.*\n\s+fix: remove AUTH0_SCOPE from apps\/web/,
    );
  });
});
