import { posix } from 'node:path';
import type { Role, SourceImport, WorkspacePackage } from './workspace';

/** One broken rule, said so that the reader knows which rule and where. */
export interface Violation {
  readonly rule: string;
  readonly where: string;
  readonly detail: string;
}

/** What the rules need to know beyond the tree: the registry's APIs and who calls whom. */
export interface LayeringFacts {
  /** Registry API name of an app package (`@repo/orders-api` → `orders`), if it is an API. */
  apiOf(packageName: string): string | undefined;
  /** The registry APIs an API declares it calls. */
  callsOf(api: string): readonly string[];
  /** Every registry API name: `@repo/api-contracts/<name>` is that API's contract. */
  readonly apiNames: readonly string[];
}

export const rules = {
  noAppImports:
    '1. apps never import apps; packages, tooling and tests never import an app (harnesses start apps as processes)',
  leaves: '2. auth-config and api-contracts are leaves: they import no workspace package',
  serviceKit: '3. service-kit depends only on auth-config and telemetry (and api-contracts)',
  localIdpDevOnly: '4. local-idp is a dev/test dependency only, never in an image',
  webRuntime:
    '5. web depends at runtime only on auth-config, api-contracts and packages written for web',
  testCodeDevOnly:
    '6. test-only code lives in dev-only packages (tooling/, tests/): never a runtime dependency of an app or a library',
  contracts:
    "7. an API imports another API's contract only for an API it declares it calls in the registry",
  declared: 'every workspace package a file imports is declared in its package.json',
  relative: 'a relative import never leaves its package',
} as const;

/** Shared compiler and lint settings: any package may devDepend on them. */
const configPackages = new Set(['@repo/eslint-config', '@repo/typescript-config']);
const leafPackages = new Set(['@repo/auth-config', '@repo/api-contracts']);
// @repo/telemetry (OpenTelemetry and Prometheus plumbing) depends only on auth-config: the one
// runtime library written for web and the APIs alike, so that both trace and log the same way.
const serviceKitMayUse = new Set(['@repo/auth-config', '@repo/api-contracts', '@repo/telemetry']);
/** What web may load at runtime; a package written for web joins this list. */
export const webRuntimePackages = new Set([
  '@repo/auth-config',
  '@repo/api-contracts',
  '@repo/session-store',
  '@repo/telemetry',
]);

/** `@repo/api-contracts/orders` → `@repo/api-contracts`; non-workspace specifiers → undefined. */
function workspacePackageOf(specifier: string): string | undefined {
  const match = /^(@repo\/[^/]+)/.exec(specifier);
  return match?.[1];
}

/** Files a deployed app or library runs: its src/, minus tests and test helpers. */
export function isRuntimeFile(pkg: WorkspacePackage, file: string): boolean {
  if (pkg.role !== 'app' && pkg.role !== 'package') return false;
  if (!file.startsWith('src/')) return false;
  return !/(^|\/)(test|tests|testing|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

const at = (pkg: WorkspacePackage, imp?: SourceImport) =>
  imp ? `${pkg.dir}/${imp.file}:${imp.line}` : `${pkg.dir}/package.json`;

export function checkLayering(
  packages: readonly WorkspacePackage[],
  facts: LayeringFacts,
): Violation[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const roleOf = (name: string): Role | undefined => byName.get(name)?.role;
  const violations: Violation[] = [];
  const add = (rule: string, where: string, detail: string) =>
    violations.push({ rule, where, detail });

  for (const pkg of packages) {
    const { manifest } = pkg;
    const runtimeDeps = Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    });
    const devDeps = Object.keys(manifest.devDependencies ?? {});
    const declared = new Set([...runtimeDeps, ...devDeps]);
    const workspaceDeps = [
      ...runtimeDeps.map((d) => [d, 'dependencies'] as const),
      ...devDeps.map((d) => [d, 'devDependencies'] as const),
    ].filter(([d]) => byName.has(d));

    // What the manifest says.
    for (const [dep, kind] of workspaceDeps) {
      if (roleOf(dep) === 'app')
        add(rules.noAppImports, at(pkg), `${pkg.name} lists the app ${dep} in ${kind}`);
      if (leafPackages.has(pkg.name) && !configPackages.has(dep))
        add(rules.leaves, at(pkg), `${pkg.name} lists ${dep} in ${kind}`);
      if (
        pkg.name === '@repo/service-kit' &&
        !serviceKitMayUse.has(dep) &&
        !configPackages.has(dep)
      ) {
        add(rules.serviceKit, at(pkg), `@repo/service-kit lists ${dep} in ${kind}`);
      }
      if (kind !== 'dependencies') continue;
      if (dep === '@repo/local-idp' && (pkg.role === 'app' || pkg.role === 'package')) {
        add(rules.localIdpDevOnly, at(pkg), `${pkg.name} lists @repo/local-idp in dependencies`);
      }
      const depRole = roleOf(dep);
      if (
        (pkg.role === 'app' || pkg.role === 'package') &&
        (depRole === 'tooling' || depRole === 'test')
      ) {
        add(
          rules.testCodeDevOnly,
          at(pkg),
          `${pkg.name} lists ${dep} (${depRole}) in dependencies`,
        );
      }
      if (pkg.name === '@repo/web' && !webRuntimePackages.has(dep))
        add(rules.webRuntime, at(pkg), `@repo/web lists ${dep} in dependencies`);
    }

    // What the source imports.
    const ownApi = facts.apiOf(pkg.name);
    for (const imp of pkg.imports) {
      if (imp.specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(imp.file), imp.specifier));
        if (target.startsWith('..'))
          add(rules.relative, at(pkg, imp), `'${imp.specifier}' reaches outside ${pkg.dir}`);
        continue;
      }
      const target = workspacePackageOf(imp.specifier);
      if (!target || target === pkg.name) continue;
      const where = at(pkg, imp);
      if (roleOf(target) === 'app') add(rules.noAppImports, where, `imports '${imp.specifier}'`);
      if (!declared.has(target))
        add(
          rules.declared,
          where,
          `imports '${imp.specifier}', which ${pkg.dir}/package.json does not list`,
        );
      if (leafPackages.has(pkg.name) && !configPackages.has(target))
        add(rules.leaves, where, `imports '${imp.specifier}'`);
      if (
        pkg.name === '@repo/service-kit' &&
        isRuntimeFile(pkg, imp.file) &&
        !serviceKitMayUse.has(target)
      ) {
        add(rules.serviceKit, where, `imports '${imp.specifier}'`);
      }
      const runtime = isRuntimeFile(pkg, imp.file);
      if (runtime && target === '@repo/local-idp')
        add(rules.localIdpDevOnly, where, `runtime code imports '${imp.specifier}'`);
      const targetRole = roleOf(target);
      if (runtime && (targetRole === 'tooling' || targetRole === 'test')) {
        add(
          rules.testCodeDevOnly,
          where,
          `runtime code imports '${imp.specifier}' (${targetRole})`,
        );
      }
      if (pkg.name === '@repo/web' && runtime && !webRuntimePackages.has(target))
        add(rules.webRuntime, where, `imports '${imp.specifier}'`);
      if (ownApi && target === '@repo/api-contracts') {
        const contract = imp.specifier.split('/')[2];
        if (
          contract &&
          contract !== ownApi &&
          facts.apiNames.includes(contract) &&
          !facts.callsOf(ownApi).includes(contract)
        ) {
          add(
            rules.contracts,
            where,
            `${pkg.name} imports the ${contract} contract but does not declare that it calls ${contract}`,
          );
        }
      }
    }
  }
  return violations;
}

/** One line per violation, grouped by rule: what the test prints when it fails. */
export function formatViolations(violations: readonly Violation[]): string {
  const byRule = new Map<string, Violation[]>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  return [...byRule]
    .map(([rule, vs]) =>
      [`Rule ${rule}:`, ...vs.map((v) => `  ${v.where}: ${v.detail}`)].join('\n'),
    )
    .join('\n');
}
