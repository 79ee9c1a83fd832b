/**
 * What `pnpm gen api-service <name>` accepts: a short lowercase slug that becomes the folder
 * (`apps/<name>-api`), the registry key, the scope suffix (`read:<name>`) and the env prefix
 * (`<NAME>_API_URL`). Everything that would collide with one of those is refused up front.
 */
const slug = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Names that already mean something in this repo or its tooling. */
export const reservedNames: readonly string[] = [
  'api',
  'apis',
  'app',
  'apps',
  'auth',
  'auth0',
  'admin',
  'web',
  'local',
  'local-idp',
  'idp',
  'oauth',
  'oidc',
  'userinfo',
  'callback',
  'login',
  'logout',
  'healthz',
  'readyz',
  'service-kit',
  'auth-config',
  'api-contracts',
  'e2e',
  'bench',
  'doctor',
  'generators',
  'infra',
  'packages',
  'node',
  'node-modules',
  'test',
  'tests',
  'src',
  'lib',
  'dist',
  'build',
  'turbo',
  'pnpm',
  'default',
  'constructor',
  'prototype',
];

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

export function checkServiceName(raw: string, existing: readonly string[]): NameCheck {
  const name = raw.trim();
  if (name === '')
    return {
      ok: false,
      reason: 'Give the service a name, e.g. `pnpm gen api-service --args billing`.',
    };
  if (name.endsWith('-api') || name === 'api') {
    return {
      ok: false,
      reason: `Leave out the "-api" suffix: "${name.replace(/-api$/, '')}" becomes apps/${name.replace(/-api$/, '')}-api.`,
    };
  }
  if (!slug.test(name) || name.length > 30) {
    return {
      ok: false,
      reason: `"${name}" is not a slug: use 1-30 lowercase letters, digits and single dashes, starting with a letter (e.g. "billing", "user-prefs").`,
    };
  }
  if (reservedNames.includes(name))
    return { ok: false, reason: `"${name}" is reserved in this repo; pick another name.` };
  if (existing.includes(name))
    return {
      ok: false,
      reason: `A service named "${name}" already exists (apps/${name}-api, and in the auth-config registry).`,
    };
  return { ok: true, name };
}
