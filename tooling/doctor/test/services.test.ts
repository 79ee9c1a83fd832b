import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPort, serviceStub, startIssuerStub, type TinyServer } from './support/servers';
import { doctor, localSources, row } from './support/setup';

describe('running services', () => {
  let idp: LocalIdp;
  let web: TinyServer;
  let orders: TinyServer;
  let profile: TinyServer;

  beforeAll(async () => {
    [idp, web, orders, profile] = await Promise.all([
      startLocalIdp({ port: 0 }),
      serviceStub(),
      serviceStub({ ready: false }),
      serviceStub(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([idp?.stop(), web?.stop(), orders?.stop(), profile?.stop()]);
  });

  it('reports a service that is down, and how to start it', async () => {
    const down = await deadPort();
    const report = await doctor(
      localSources({ idp: idp.port, web: web.port, orders: orders.port, profile: down }),
    );
    const r = row(report, 'profile-api /readyz');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `not reachable at http://localhost:${down}: connection refused: nothing listens there`,
    );
    expect(r.fix).toBe('start it: `pnpm dev` (or `pnpm --filter @repo/profile-api dev` alone)');
    expect(row(report, 'web /readyz').status).toBe('pass');
    expect(row(report, 'local-idp /healthz').status).toBe('pass');
  });

  it('reports a service that is up but not ready, with what /readyz said', async () => {
    const report = await doctor(
      localSources({ idp: idp.port, web: web.port, orders: orders.port, profile: profile.port }),
    );
    const r = row(report, 'orders-api /readyz');
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `up, but http://localhost:${orders.port}/readyz answered 503: The database is not reachable.`,
    );
    expect(r.fix).toContain('check DATABASE_URL');
    expect(report.ok).toBe(false);
  });

  it('reports a web app that does not answer /readyz (something else on its port)', async () => {
    // The issuer stub answers /healthz but 404 on /readyz: "up" but not a service of ours.
    const other = await startIssuerStub();
    try {
      const report = await doctor(
        localSources({
          idp: idp.port,
          web: other.port,
          orders: orders.port,
          profile: profile.port,
        }),
      );
      expect(row(report, 'web /readyz')).toMatchObject({
        detail: `up, but http://localhost:${other.port}/readyz answered 404`,
        fix: `something other than web answers at http://localhost:${other.port}: free the port or fix the URL`,
      });
    } finally {
      await other.stop();
    }
  });
});
