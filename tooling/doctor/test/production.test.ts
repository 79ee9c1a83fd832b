import { apiEnvVariablesOf, webEnvVariables } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson, renderTable, type EnvSources, type Report } from '../src';
import { deadPort, serviceStub, webStub, type TinyServer } from './support/servers';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

/** A fresh clone: no .env file in any app, nothing in the shell. */
const fresh: EnvSources = { web: {}, 'orders-api': {}, 'profile-api': {}, 'local-idp': {} };

const header = (report: Report) => renderTable(report).split('\n')[0];

describe('NODE_ENV: the doctor agrees with the apps', () => {
  it('checks each app with its own NODE_ENV by default, and says which in the header', async () => {
    const report = await doctor(fresh, { fetch: nothingListens });
    expect(row(report, 'web')).toMatchObject({ status: 'pass' });
    expect(header(report)).toBe(
      'pnpm auth:doctor (local IdP profile; NODE_ENV unset, as `pnpm dev` runs the apps; --production for `next start` or a deploy)',
    );
    const mixed = await doctor(
      { ...fresh, web: { NODE_ENV: 'production' } },
      { fetch: nothingListens },
    );
    expect(header(mixed)).toBe(
      'pnpm auth:doctor (profile unknown; NODE_ENV per app: web=production, orders-api unset, profile-api unset, local-idp unset)',
    );
    expect(row(mixed, 'web AUTH0_DOMAIN').status).toBe('fail');
    expect(row(mixed, 'orders-api').status).toBe('pass');
  });

  it('with --production, checks every app as `next start` and a deploy run it', async () => {
    // What `pnpm --filter @repo/web build && … start` meets without the production env.
    const report = await doctor(fresh, { fetch: nothingListens, production: true });
    expect(header(report)).toBe(
      'pnpm auth:doctor --production (profile unknown; NODE_ENV=production for every app)',
    );
    expect(report.results.some((r) => r.subject === 'web')).toBe(false);
    expect(row(report, 'web AUTH0_DOMAIN')).toMatchObject({
      status: 'fail',
      detail: 'is not set',
      fix: 'set it to your tenant domain, e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com (or USE_LOCAL_IDP=true for the local IdP) (in apps/web/.env.local)',
    });
    expect(row(report, 'web AUTH0_CLIENT_ID').status).toBe('fail');
    expect(row(report, 'orders-api DATABASE_URL').status).toBe('fail');
    expect(report.ok).toBe(false);
    const json = JSON.parse(renderJson(report)) as { nodeEnv: unknown };
    expect(json.nodeEnv).toEqual({
      production: true,
      apps: {
        web: 'production',
        'orders-api': 'production',
        'profile-api': 'production',
        'local-idp': 'production',
      },
    });
  });
});

describe("web's /readyz", () => {
  let web: TinyServer;
  beforeAll(async () => {
    web = await webStub({ issuer: `http://localhost:${await deadPort()}/`, ready: false });
  });
  afterAll(() => web?.stop());

  it('names --production, never DATABASE_URL, when web refuses an env the doctor finds valid', async () => {
    const report = await doctor(localSources({ ...(await deadPorts()), web: web.port }));
    const r = row(report, 'web /readyz');
    expect(r).toMatchObject({
      status: 'fail',
      detail: `up, but ${web.url}/readyz answered 503: the configuration is invalid; see the server log`,
      fix: "web's env loader refuses the env it runs with, though the doctor finds web's env valid: `next start` runs it with NODE_ENV=production, so run `pnpm auth:doctor --production` (web's log names every variable it refuses)",
    });
  });

  it('points at the log under --production', async () => {
    const sources = localSources(
      { ...(await deadPorts()), web: web.port },
      { web: { SESSION_STORE_URL: 'cookie' } },
    );
    const report = await doctor(sources, { production: true });
    expect(row(report, 'web /readyz').fix).toBe(
      "web's log names every variable its env loader refuses: the running web sees another env than this shell and apps/web's .env files",
    );
  });
});

/** The variables each app reads; NODE_ENV and USE_LOCAL_IDP are every app's. */
const variablesOf: Record<string, readonly string[]> = {
  web: webEnvVariables(),
  'orders-api': apiEnvVariablesOf('orders'),
  'profile-api': apiEnvVariablesOf('profile'),
  'local-idp': [
    'PORT',
    'WEB_BACKCHANNEL_LOGOUT_URI',
    'LOCAL_IDP_DATA_DIR',
    'LOCAL_IDP_WEB_ORIGINS',
  ],
};
const shared = ['NODE_ENV', 'USE_LOCAL_IDP'];
const known = new Set([...Object.values(variablesOf).flat(), ...shared]);
const appOfFolder = (folder: string) => folder.split('/')[1]!;

/**
 * Every variable a fix names, with the app it names it for: the folder after it in the same
 * clause ("set X in apps/web, or Y in apps/orders-api"), else the app the row is about.
 */
function suggestions(rowApp: string, fix: string): { variable: string; app: string }[] {
  const found: { variable: string; app: string }[] = [];
  for (const clause of fix.split(/;|, or | or /)) {
    for (const m of clause.matchAll(/\b[A-Z][A-Z0-9_]*[A-Z0-9]\b/g)) {
      if (!known.has(m[0])) continue;
      const after = clause.slice(m.index + m[0].length);
      const folder = /\b(?:in|from) ((?:apps|packages)\/[a-z-]+)/.exec(after)?.[1];
      const everyApp = /\bin every app\b/.test(after);
      if (everyApp) continue;
      found.push({ variable: m[0], app: folder ? appOfFolder(folder) : rowApp });
    }
  }
  return found;
}

describe('no fix names a variable the app it is for does not have', () => {
  let idp: LocalIdp;
  let running: TinyServer[];
  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0 });
    running = await Promise.all([
      webStub({ issuer: `http://localhost:${idp.port}/`, ready: false }),
      serviceStub({ ready: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([idp?.stop(), ...(running ?? []).map((s) => s.stop())]);
  });

  it("web's rows never name an API-only variable, nor an API's rows a web-only one", async () => {
    const [web, orders] = running as [TinyServer, TinyServer];
    const dead = await deadPorts();
    const ports = { idp: idp.port, web: web.port, orders: orders.port, profile: dead.profile };
    // Everything that can go wrong at once: services not ready or down, audiences apart, CORS,
    // ports and secrets wrong; with and without --production.
    const broken = localSources(ports, {
      web: { AUTH0_SECRET: 'short', PROFILE_API_AUDIENCE: 'https://api.example.com/me' },
      'orders-api': {
        AUTH0_AUDIENCE: 'https://api.example.com/order',
        PORT: String(ports.orders + 1),
      },
      'profile-api': { CORS_ALLOWED_ORIGINS: 'https://app.example.com', TRUST_PROXY: 'true' },
      'local-idp': { PORT: String(dead.web) },
    });
    const loading = localSources(ports, {
      'orders-api': { AUTH0_AUDIENCE: 'https://api.example.com/order' },
      'profile-api': { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
    });
    const reports = await Promise.all([
      doctor(broken),
      doctor(broken, { production: true }),
      doctor(loading),
      doctor(fresh, { fetch: nothingListens, production: true }),
    ]);
    const rows = reports.flatMap((r) => r.results);
    // The scenarios do reach the rows that named a wrong app's variable before.
    expect(rows.some((r) => r.subject === 'web /readyz' && r.status === 'fail')).toBe(true);
    expect(rows.some((r) => r.subject === 'orders-api AUTH0_AUDIENCE' && r.status === 'fail')).toBe(
      true,
    );
    const wrong = rows.flatMap((r) => {
      const rowApp = r.subject.split(' ')[0]!;
      if (!r.fix || !(rowApp in variablesOf)) return [];
      return suggestions(rowApp, r.fix)
        .filter((s) => !shared.includes(s.variable) && !variablesOf[s.app]?.includes(s.variable))
        .map((s) => `${r.subject}: ${s.variable} for ${s.app} in "${r.fix}"`);
    });
    expect(wrong).toEqual([]);
  });
});
