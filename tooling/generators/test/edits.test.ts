import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { addCallToRegistry, checkCall, ensureServiceScope } from '../src/call-edit';
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

describe('declaring a call (api-call, and api-service with a callee)', () => {
  const registrySource = readFileSync(
    join(root, 'packages', 'auth-config', 'src', 'registry.ts'),
    'utf8',
  );
  const registry = {
    names: ['orders', 'profile', 'user-prefs'],
    calls: (api: string) => (api === 'orders' ? ['profile'] : []),
  };
  const added = (before: string, after: string) =>
    after.split('\n').filter((line) => !before.split('\n').includes(line));

  it('accepts two registered APIs, and refuses an unknown one, the same one twice, or a call already declared', () => {
    expect(checkCall(' profile ', 'orders', registry)).toEqual({
      ok: true,
      caller: 'profile',
      callee: 'orders',
    });
    for (const [caller, callee, reason] of [
      ['orders', '', /Give the calling API and the API it calls/],
      [
        'orders',
        'billing',
        /"billing" is not an API of the registry \(orders, profile, user-prefs\)/,
      ],
      ['orders-api', 'profile', /"orders-api" is not an API of the registry/],
      ['profile', 'profile', /does not call itself/],
      ['orders', 'profile', /orders already declares that it calls profile/],
    ] as const) {
      const check = checkCall(caller, callee, registry);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.reason).toMatch(reason);
    }
  });

  it('gives a callee without a service scope read:<callee>:service, and keeps an existing one', () => {
    const fresh = ensureServiceScope(registrySource, 'orders', []);
    expect(fresh.scope).toBe('read:orders:service');
    expect(added(registrySource, fresh.source)).toEqual([
      "    serviceScopes: { read: 'read:orders:service' },",
    ]);
    // Inside the orders entry, before its closing line.
    const lines = fresh.source.split('\n');
    const at = lines.indexOf("    serviceScopes: { read: 'read:orders:service' },");
    expect(lines[at + 1]).toBe('  },');
    expect(
      lines
        .slice(0, at)
        .reverse()
        .find((l) => /^ {2}\S/.test(l)),
    ).toBe('  orders: {');
    const kept = ensureServiceScope(registrySource, 'profile', ['read:profile:service']);
    expect(kept).toEqual({ source: registrySource, scope: 'read:profile:service' });
  });

  it("adds a callee to a caller's calls, or a calls line to an API that calls nothing yet", () => {
    const second = addCallToRegistry(registrySource, 'orders', 'billing', ['read:billing:service']);
    expect(added(registrySource, second)).toEqual([
      "    calls: { profile: ['read:profile:service'], billing: ['read:billing:service'] },",
    ]);
    const first = addCallToRegistry(registrySource, 'profile', 'orders', ['read:orders:service']);
    expect(added(registrySource, first)).toEqual([
      "    calls: { orders: ['read:orders:service'] },",
    ]);
    const multiLine = registrySource.replace(
      "    calls: { profile: ['read:profile:service'] },",
      "    calls: {\n      profile: ['read:profile:service'],\n    },",
    );
    expect(
      addCallToRegistry(multiLine, 'orders', 'user-prefs', ['read:user-prefs:service']),
    ).toContain(
      "    calls: {\n      profile: ['read:profile:service'], 'user-prefs': ['read:user-prefs:service'] },",
    );
  });

  it('edits a freshly generated entry too, and refuses an API the file does not have', () => {
    const withBilling = addApiToRegistry(
      registrySource,
      serviceData('billing', [4000, 4001, 4002]),
    );
    const calling = addCallToRegistry(withBilling, 'billing', 'profile', ['read:profile:service']);
    expect(calling).toContain(
      "    scopes: { read: 'read:billing', write: 'write:billing' },\n    calls: { profile: ['read:profile:service'] },\n  },",
    );
    expect(() => addCallToRegistry(registrySource, 'billing', 'profile', ['x'])).toThrow(
      /no entry "billing"/,
    );
  });
});
