/**
 * `pnpm --silent --filter @repo/deploy-tools affected-apps [--all] [--matrix]`: prints, as a JSON
 * array, the deployable apps whose image a change affects; the deploy workflow makes one job per
 * entry. With --matrix each entry is `{ app, hookSecret }` (a GitHub secret name may not contain
 * "-": DEPLOY_HOOK_PROFILE_API for profile-api).
 * turbo decides what is affected (TURBO_SCM_BASE / TURBO_SCM_HEAD set the range): a package that
 * changed, or one of its workspace dependencies, or a global input such as the lockfile.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiEnvPrefix, findWorkspaceRoot } from '@repo/auth-config';
import { presentApps, type DeployableApp } from './prune-build/apps';
import { recipeFor } from './prune-build/recipe';

/**
 * The apps to rebuild, given turbo's affected package names. An image also depends on what its
 * recipe prunes in besides the app (the API bundler in @repo/deploy-tools), which is no
 * dependency of the app's own package.json, so turbo alone would miss it.
 */
export function affectedApps(
  affectedPackages: readonly string[],
  apps: readonly DeployableApp[],
): string[] {
  const changed = new Set(affectedPackages);
  return apps
    .filter((app) => recipeFor(app).pruneTargets.some((target) => changed.has(target)))
    .map((app) => app.name);
}

/** The deploy workflow's matrix entry for an app. */
export function matrixEntry(app: string): { app: string; hookSecret: string } {
  return { app, hookSecret: `DEPLOY_HOOK_${apiEnvPrefix(app)}` };
}

/** `turbo ls --affected --output=json`; turbo may print a banner line before the JSON. */
export function parseTurboLs(output: string): string[] {
  const json = JSON.parse(output.slice(output.indexOf('{'))) as {
    packages: { items: { name: string }[] };
  };
  return json.packages.items.map((item) => item.name);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
  const apps = presentApps(repoRoot);
  let names: string[];
  if (process.argv.includes('--all')) {
    names = apps.map((app) => app.name);
  } else {
    const turbo = join(repoRoot, 'node_modules', '.bin', 'turbo');
    const output = execFileSync(turbo, ['ls', '--affected', '--output=json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    names = affectedApps(parseTurboLs(output), apps);
  }
  console.log(JSON.stringify(process.argv.includes('--matrix') ? names.map(matrixEntry) : names));
}
