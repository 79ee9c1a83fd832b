import { logLevels } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../src';
import { deadPorts, doctor, localSources, row } from './support/setup';

/** A tenant-profile web env (https issuer, so no "insecure issuer" problem) on a dead port. */
async function tenantWeb(edits: Record<string, string | undefined>) {
  const ports = await deadPorts();
  const sources = localSources(ports);
  return {
    ...sources,
    web: {
      ...sources.web,
      USE_LOCAL_IDP: undefined,
      AUTH0_DOMAIN: `localhost:${ports.idp}`,
      AUTH0_CLIENT_ID: 'abc123',
      AUTH0_CLIENT_SECRET: 'a-client-secret-from-the-dashboard',
      AUTH0_SECRET: 'f'.repeat(64),
      ...edits,
    },
  };
}

describe('env', () => {
  it('reports a missing AUTH0_SECRET with the command that makes one', async () => {
    const report = await doctor(await tenantWeb({ AUTH0_SECRET: undefined }));
    const r = row(report, 'web AUTH0_SECRET');
    expect(r).toMatchObject({ group: 'env', status: 'fail', detail: 'is not set' });
    expect(r.fix).toBe('generate one with `openssl rand -hex 32` (in apps/web/.env.local)');
    expect(report.ok).toBe(false);
    expect(renderTable(report)).toMatch(
      /✗\s+env\s+web AUTH0_SECRET\s+is not set\n\s+fix: generate one with `openssl rand -hex 32`/,
    );
  });

  it('reports a short AUTH0_SECRET with its length', async () => {
    const report = await doctor(await tenantWeb({ AUTH0_SECRET: 'too-short' }));
    const r = row(report, 'web AUTH0_SECRET');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe('is 9 characters; at least 32 are required');
    expect(r.fix).toContain('openssl rand -hex 32');
  });

  it('reports every problem of an app at once, and still checks the other apps', async () => {
    const report = await doctor(
      await tenantWeb({
        AUTH0_SECRET: 'short',
        AUTH0_CLIENT_ID: undefined,
        APP_BASE_URL: 'app.example.com',
      }),
    );
    expect(row(report, 'web AUTH0_SECRET').status).toBe('fail');
    expect(row(report, 'web AUTH0_CLIENT_ID').fix).toContain(
      'Client ID of your Regular Web Application',
    );
    expect(row(report, 'web APP_BASE_URL').detail).toBe('"app.example.com" is not an http(s) URL');
    expect(row(report, 'orders-api').status).toBe('pass');
    // Checks that need the web config say why they did not run.
    expect(report.results.filter((r) => r.group === 'cors' && r.status === 'skip')).toHaveLength(1);
  });

  it('reports a wrong value in an API env', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, { 'orders-api': { LOG_LEVEL: 'verbose', PORT: 'forty' } }),
    );
    expect(row(report, 'orders-api LOG_LEVEL')).toMatchObject({
      status: 'fail',
      detail: `"verbose" is not one of ${logLevels.join(', ')}`,
    });
    expect(row(report, 'orders-api PORT')).toMatchObject({
      status: 'fail',
      fix: 'set PORT to an integer from 0 to 65535 (in apps/orders-api/.env.local)',
    });
  });

  it('reports web calling an API on a port the API does not listen on', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, { 'orders-api': { PORT: String(ports.orders + 1) } }),
    );
    const r = row(report, 'web ORDERS_API_URL');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `web calls orders-api at http://localhost:${ports.orders}, but orders-api listens on PORT=${ports.orders + 1}`,
    );
    expect(r.fix).toBe(
      `set ORDERS_API_URL=http://localhost:${ports.orders + 1} in apps/web, or PORT=${ports.orders} in apps/orders-api`,
    );
  });

  it('reports an API that trusts another issuer than web', async () => {
    const ports = await deadPorts();
    const report = await doctor(
      localSources(ports, { 'profile-api': { AUTH0_DOMAIN: `http://localhost:${ports.web}` } }),
    );
    const r = row(report, 'profile-api AUTH0_DOMAIN');
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(
      `profile-api trusts http://localhost:${ports.web}/, but web signs users in at http://localhost:${ports.idp}/`,
    );
    expect(r.fix).toBe('set the same AUTH0_DOMAIN in apps/web and apps/profile-api');
  });

  it('reports the local IdP listening elsewhere than AUTH0_DOMAIN says', async () => {
    const ports = await deadPorts();
    const report = await doctor(localSources(ports, { 'local-idp': { PORT: String(ports.web) } }));
    expect(row(report, 'local-idp PORT').fix).toBe(
      `set AUTH0_DOMAIN=http://localhost:${ports.web} in every app, or PORT=${ports.idp} in packages/local-idp`,
    );
  });
});

describe('TRUST_PROXY', () => {
  it('says what each API trusts, and warns about a production API behind nobody it knows', async () => {
    const ports = await deadPorts();
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/x' };
    const report = await doctor(
      localSources(ports, {
        'orders-api': { ...production, TRUST_PROXY: '1' },
        'profile-api': production,
      }),
    );
    expect(row(report, 'orders-api TRUST_PROXY')).toMatchObject({
      status: 'pass',
      detail: 'trusts 1 proxy hop (X-Forwarded-For)',
    });
    const unset = row(report, 'profile-api TRUST_PROXY');
    expect(unset.status).toBe('warn');
    expect(unset.detail).toContain('every client would share its address');
    expect(unset.fix).toContain('set TRUST_PROXY');
  });

  it('names a TRUST_PROXY that would trust everyone', async () => {
    const ports = await deadPorts();
    const report = await doctor(localSources(ports, { 'orders-api': { TRUST_PROXY: 'true' } }));
    expect(row(report, 'orders-api TRUST_PROXY')).toMatchObject({ status: 'fail' });
  });
});
