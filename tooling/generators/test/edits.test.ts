import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { addContractExport } from '../src/contracts-edit';
import { addDashboardCard, addWebClient } from '../src/web-edit';
import { addApiToRegistry, nextFreePort } from '../src/registry-edit';
import { checkServiceName } from '../src/service-name';
import { serviceData } from '../src/template-data';

const root = findWorkspaceRoot(import.meta.dirname);

describe('checkServiceName', () => {
  const existing = ['orders', 'profile'];
  it('accepts a slug', () => {
    expect(checkServiceName(' billing ', existing)).toEqual({ ok: true, name: 'billing' });
    expect(checkServiceName('user-prefs', existing)).toEqual({ ok: true, name: 'user-prefs' });
  });
  it.each([
    ['orders', /already exists/],
    ['', /Give the service a name/],
    ['Billing', /not a slug/],
    ['bill_ing', /not a slug/],
    ['2fa', /not a slug/],
    ['a--b', /not a slug/],
    ['billing-api', /Leave out the "-api" suffix/],
    ['web', /reserved/],
    ['constructor', /reserved/],
    ['x'.repeat(31), /not a slug/],
  ])('refuses %j with a clear reason', (name, reason) => {
    const check = checkServiceName(name, existing);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });
});

describe('the registry edit', () => {
  it('takes the next free 40xx port', () => {
    expect(nextFreePort([3000, 4000, 4001, 4002])).toBe(4003);
    expect(nextFreePort([3000, 4000, 4001, 4005])).toBe(4006);
  });

  it('adds one entry before the end marker of the real registry, which still has its marker', () => {
    const source = readFileSync(
      join(root, 'packages', 'auth-config', 'src', 'registry.ts'),
      'utf8',
    );
    const edited = addApiToRegistry(source, serviceData('user-prefs', [4000, 4001, 4002]));
    const added = edited.split('\n').filter((line) => !source.split('\n').includes(line));
    expect(added.join('\n')).toBe(
      [
        "  'user-prefs': {",
        "    serviceName: 'user-prefs-api',",
        "    displayName: 'User Prefs API',",
        '    port: 4003,',
        "    audience: 'https://api.example.com/user-prefs',",
        "    scopes: { read: 'read:user-prefs', write: 'write:user-prefs' },",
      ].join('\n'),
    );
    expect(edited.indexOf("'user-prefs'")).toBeLessThan(edited.indexOf('// generator:apis:end'));
  });

  it('refuses a registry without the marker instead of guessing', () => {
    expect(() => addApiToRegistry('export const apis = {};', serviceData('billing', []))).toThrow(
      /marker/,
    );
  });
});

describe('the contract export', () => {
  it('adds ./<name> and refuses a duplicate', () => {
    const pkg = readFileSync(join(root, 'packages', 'api-contracts', 'package.json'), 'utf8');
    const edited = JSON.parse(addContractExport(pkg, 'billing')) as {
      exports: Record<string, string>;
    };
    expect(edited.exports['./billing']).toBe('./src/billing.ts');
    expect(edited.exports['./orders']).toBe('./src/orders.ts');
    expect(() => addContractExport(pkg, 'orders')).toThrow(/already exports/);
  });
});

describe('serviceData', () => {
  it('derives every name the templates use', () => {
    expect(serviceData('user-prefs', [4000, 4001, 4002])).toEqual({
      name: 'user-prefs',
      serviceName: 'user-prefs-api',
      displayName: 'User Prefs API',
      port: 4003,
      audience: 'https://api.example.com/user-prefs',
      camelName: 'userPrefs',
      pascalName: 'UserPrefs',
      dbName: 'user_prefs',
    });
  });
});

describe('the web wiring', () => {
  const serverApis = readFileSync(
    join(root, 'apps', 'web', 'src', 'lib', 'api', 'server-apis.ts'),
    'utf8',
  );
  const cards = readFileSync(
    join(root, 'apps', 'web', 'src', 'app', 'dashboard', 'cards.tsx'),
    'utf8',
  );

  it("adds the new API's client to serverApis() and its card to the dashboard, once", () => {
    const billing = serviceData('billing', [3000, 4000, 4001, 4002]);
    const apis = addWebClient(serverApis, billing);
    expect(apis).toContain("import { billingClient } from './billing-client';");
    expect(apis).toMatch(
      / {4}billing: billingClient\(httpFor\('billing'\)\),\n {4}\/\/ generator:clients:end/,
    );
    expect(() => addWebClient(apis, billing)).toThrow(/already/);
    const dashboard = addDashboardCard(cards, billing);
    expect(dashboard).toContain("import { ApiCard, ItemsCard } from './card';");
    expect(dashboard).toContain(
      '<ItemsCard id="billing" title="Billing API" load={() => apis.billing.listItems({ limit: 5 })} />',
    );
    expect(() => addDashboardCard(dashboard, billing)).toThrow(/already/);
  });

  it('quotes a dashed name', () => {
    const prefs = serviceData('user-prefs', [3000, 4000, 4001, 4002]);
    expect(addWebClient(serverApis, prefs)).toContain(
      "'user-prefs': userPrefsClient(httpFor('user-prefs')),",
    );
    expect(addDashboardCard(cards, prefs)).toContain("apis['user-prefs'].listItems");
  });
});
