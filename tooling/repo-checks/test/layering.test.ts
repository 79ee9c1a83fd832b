import { findWorkspaceRoot } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { registryFacts } from '../src/registry-facts';
import { checkLayering, formatViolations, rules, type LayeringFacts } from '../src/rules';
import { importsIn, readWorkspace, type Role, type WorkspacePackage } from '../src/workspace';

const root = findWorkspaceRoot(import.meta.dirname);

describe('the dependency rules (docs/architecture.md, "Layout by role")', () => {
  it('hold on this tree', () => {
    const packages = readWorkspace(root);
    expect(packages.length).toBeGreaterThan(15);
    const violations = checkLayering(packages, registryFacts());
    expect(violations, formatViolations(violations)).toEqual([]);
  });
});

// A small synthetic workspace, so that every rule is seen to fire (a rule that cannot fail is
// no rule).
function pkg(
  name: string,
  role: Role,
  deps: { dependencies?: string[]; devDependencies?: string[] } = {},
  imports: Record<string, string> = {},
): WorkspacePackage {
  const asRecord = (names: string[] = []) =>
    Object.fromEntries(names.map((n) => [n, 'workspace:*']));
  return {
    name,
    dir: `${role}s/${name.replace('@repo/', '')}`,
    role,
    manifest: {
      name,
      dependencies: asRecord(deps.dependencies),
      devDependencies: asRecord(deps.devDependencies),
    },
    imports: Object.entries(imports).flatMap(([file, text]) => importsIn(text, file)),
  };
}

const facts: LayeringFacts = {
  apiNames: ['orders', 'profile', 'billing'],
  apiOf: (name) => ({ '@repo/orders-api': 'orders', '@repo/billing-api': 'billing' })[name],
  callsOf: (api) => (api === 'billing' ? ['profile'] : []),
};

const base = [
  pkg('@repo/auth-config', 'package'),
  pkg('@repo/api-contracts', 'package'),
  pkg('@repo/service-kit', 'package', { dependencies: ['@repo/auth-config'] }),
  pkg('@repo/local-idp', 'package', { dependencies: ['@repo/auth-config'] }),
  pkg('@repo/api-testing', 'tooling', { dependencies: ['@repo/service-kit'] }),
  pkg('@repo/e2e', 'test'),
];

function violationsWith(extra: WorkspacePackage[]): string[] {
  const names = new Set(extra.map((p) => p.name));
  return checkLayering([...base.filter((p) => !names.has(p.name)), ...extra], facts).map(
    (v) => v.rule,
  );
}

describe('each rule fires', () => {
  it('1: a package, a harness or an app importing an app', () => {
    const orders = pkg('@repo/orders-api', 'app');
    expect(
      violationsWith([
        orders,
        pkg(
          '@repo/doctor',
          'tooling',
          { devDependencies: ['@repo/orders-api'] },
          { 'src/x.ts': "import '@repo/orders-api/app';" },
        ),
      ]),
    ).toContain(rules.noAppImports);
    expect(
      violationsWith([orders, pkg('@repo/e2e', 'test', { devDependencies: ['@repo/orders-api'] })]),
    ).toEqual([rules.noAppImports]);
    expect(
      violationsWith([
        orders,
        pkg(
          '@repo/web',
          'app',
          {},
          { 'src/x.ts': "import { buildApp } from '@repo/orders-api/app';" },
        ),
      ]),
    ).toContain(rules.noAppImports);
  });

  it('2: a leaf importing a workspace package', () => {
    expect(
      violationsWith([
        pkg('@repo/auth-config', 'package', { dependencies: ['@repo/api-contracts'] }),
      ]),
    ).toEqual([rules.leaves]);
    expect(
      violationsWith([
        pkg(
          '@repo/api-contracts',
          'package',
          { devDependencies: ['@repo/auth-config'] },
          { 'src/x.ts': "import '@repo/auth-config';" },
        ),
      ]),
    ).toEqual([rules.leaves, rules.leaves]);
  });

  it('3: service-kit reaching past auth-config and api-contracts', () => {
    expect(
      violationsWith([
        pkg('@repo/service-kit', 'package', {
          dependencies: ['@repo/auth-config', '@repo/local-idp'],
        }),
      ]),
    ).toEqual([rules.serviceKit, rules.localIdpDevOnly]);
  });

  it('4: local-idp in an app at runtime', () => {
    const app = pkg(
      '@repo/orders-api',
      'app',
      { devDependencies: ['@repo/local-idp'] },
      {
        'src/server.ts': "import { startLocalIdp } from '@repo/local-idp';",
        'test/a.test.ts': "import '@repo/local-idp';",
      },
    );
    expect(violationsWith([app])).toEqual([rules.localIdpDevOnly]);
  });

  it('5: web loading a library not written for it', () => {
    expect(
      violationsWith([
        pkg(
          '@repo/web',
          'app',
          { dependencies: ['@repo/service-kit'] },
          { 'src/lib/x.ts': "import { createService } from '@repo/service-kit';" },
        ),
      ]),
    ).toEqual([rules.webRuntime, rules.webRuntime]);
  });

  it('6: a test helper as a runtime dependency, or imported by runtime code', () => {
    expect(
      violationsWith([pkg('@repo/orders-api', 'app', { dependencies: ['@repo/api-testing'] })]),
    ).toEqual([rules.testCodeDevOnly]);
    expect(
      violationsWith([
        pkg(
          '@repo/orders-api',
          'app',
          { devDependencies: ['@repo/api-testing'] },
          { 'src/app.ts': "import '@repo/api-testing';" },
        ),
      ]),
    ).toEqual([rules.testCodeDevOnly]);
  });

  it('7: an API importing the contract of an API it does not declare it calls', () => {
    const deps = { dependencies: ['@repo/api-contracts'] };
    expect(
      violationsWith([
        pkg('@repo/orders-api', 'app', deps, {
          'src/x.ts': "import { profileSchema } from '@repo/api-contracts/profile';",
        }),
      ]),
    ).toEqual([rules.contracts]);
    expect(
      violationsWith([
        pkg('@repo/billing-api', 'app', deps, {
          'src/x.ts':
            "import '@repo/api-contracts/profile'; import '@repo/api-contracts/billing'; import '@repo/api-contracts/problem';",
        }),
      ]),
    ).toEqual([]);
  });

  it('an undeclared workspace import, and a relative import out of the package', () => {
    expect(
      violationsWith([
        pkg(
          '@repo/doctor',
          'tooling',
          {},
          {
            'src/a.ts': "import '@repo/auth-config';",
            'src/b.ts': "import '../../../packages/x/src/y';",
          },
        ),
      ]),
    ).toEqual([rules.declared, rules.relative]);
  });
});
