import { fail, pass, skip, type CheckResult } from '../result';
import type { RepoFiles } from '../files';
import { callbackPath } from './redirects';

/** nextjs-auth0 v3's callback route; v4's is /auth/callback. */
const v3CallbackPath = '/api/auth/callback';
const tenantDir = 'infra/auth0';
const environmentsFile = `${tenantDir}/environments.json`;
const regenerate = '`pnpm --filter @repo/deploy-tools gen:auth0`';

/** Every URL in `text` that ends in the v3 callback path, with the lines it is on. */
function v3Callbacks(text: string): { urls: string[]; lines: number[] } {
  const urls = new Set<string>();
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const found = line.match(/[^\s"'`,[\]]*\/api\/auth\/callback[^\s"'`,[\]]*/g);
    if (!found) return;
    lines.push(i + 1);
    for (const url of found) urls.add(url);
  });
  return { urls: [...urls], lines };
}

/**
 * The tenant as code registers callback URLs from the registry's path. One that ends in
 * /api/auth/callback (a hand edit after a v3 guide, or a stale copy) makes Auth0 refuse every
 * sign-in with "Callback URL mismatch", because v4 sends <APP_BASE_URL>/auth/callback.
 */
export function checkTenantFiles(files: RepoFiles): CheckResult[] {
  const configs = files
    .list(`${tenantDir}/config`)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${tenantDir}/config/${name}`);
  const read = [`${tenantDir}/tenant.yaml`, environmentsFile, ...configs]
    .map((path) => ({ path, text: files.read(path) }))
    .filter((f): f is { path: string; text: string } => f.text !== undefined);
  if (read.length === 0)
    return [skip('redirects', `${tenantDir} callback URLs`, `no tenant files in ${tenantDir}`)];

  const results: CheckResult[] = [];
  for (const { path, text } of read) {
    if (!text.includes(v3CallbackPath)) continue;
    const { urls, lines } = v3Callbacks(text);
    results.push(
      fail(
        'redirects',
        path,
        `registers ${urls.join(', ')} (line ${lines.join(', ')}): ${v3CallbackPath} is nextjs-auth0 v3's path; v4 sends redirect_uri <APP_BASE_URL>${callbackPath}, which Auth0 then refuses ("Callback URL mismatch")`,
        path === environmentsFile
          ? `list base URLs only in ${environmentsFile} (e.g. https://app.example.com), then ${regenerate} and deploy the tenant`
          : `regenerate the tenant files with ${regenerate}, which writes <base>${callbackPath} (they are generated: change the registry or ${environmentsFile}, never them), then deploy the tenant`,
      ),
    );
  }
  if (results.length === 0)
    results.push(
      pass(
        'redirects',
        `${tenantDir} callback URLs`,
        `no ${v3CallbackPath} (v3's path) in ${read.length} tenant file${read.length === 1 ? '' : 's'}`,
      ),
    );
  return results;
}
