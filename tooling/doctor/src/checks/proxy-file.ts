import { webApp } from '../apps';
import type { RepoFiles } from '../files';
import { fail, pass, skip, warn, type CheckResult } from '../result';

/** Next.js's default pageExtensions: the endings it accepts for proxy.* and middleware.*. */
const extensions = ['tsx', 'ts', 'jsx', 'js'];

function find(files: RepoFiles, dir: string, base: 'proxy' | 'middleware'): string | undefined {
  const names = files.list(dir);
  const name = extensions.map((e) => `${base}.${e}`).find((n) => names.includes(n));
  return name === undefined ? undefined : `${dir}/${name}`;
}

/**
 * Next.js 16 renamed middleware.ts to proxy.ts, and this repo's proxy is what hands /auth/* to
 * nextjs-auth0: without it, sign-in is a 404. Older guides still say middleware.ts. Next.js
 * reads the file beside the app folder only (apps/web/src/ here, the app being in src/app): a
 * middleware.ts there beside proxy.ts stops the build, one instead of proxy.ts runs under a
 * deprecated name, and either file one folder off is ignored.
 */
export function checkProxyFile(files: RepoFiles): CheckResult[] {
  const root = webApp.folder;
  const src = `${root}/src`;
  const atRoot = files.list(root);
  if (atRoot.length === 0)
    return [skip('routes', `${root} proxy.ts`, `no ${root} folder here to look in`)];
  // As Next.js decides: app/ or pages/ at the root wins over src/app or src/pages.
  const usesRoot = atRoot.includes('app') || atRoot.includes('pages');
  const [dir, other] = usesRoot ? [root, src] : [src, root];
  const proxy = find(files, dir, 'proxy');
  const middleware = find(files, dir, 'middleware');
  const expected = `${dir}/proxy.ts`;
  const results: CheckResult[] = [];

  if (middleware && proxy) {
    results.push(
      fail(
        'routes',
        middleware,
        `beside ${proxy}: Next.js 16 stops the build ("Both middleware file … and proxy file … are detected")`,
        `remove ${middleware} (move anything it does into ${proxy}); middleware.ts is the pre-16 name`,
      ),
    );
  } else if (middleware) {
    results.push(
      warn(
        'routes',
        middleware,
        `instead of ${expected}: middleware.ts is the pre-16 name, which Next.js 16 still runs but deprecates`,
        `rename it to ${expected} and its exported middleware function to proxy (\`npx @next/codemod@latest middleware-to-proxy .\` does both)`,
      ),
    );
  }

  const ignored = [find(files, other, 'proxy'), find(files, other, 'middleware')].filter(
    (f) => f !== undefined,
  );
  if (!proxy && !middleware) {
    results.push(
      fail(
        'routes',
        expected,
        'is missing: nothing hands /auth/* to nextjs-auth0 (sign-in, callback and logout answer 404)',
        ignored.length > 0
          ? `move ${ignored[0]} to ${expected}: Next.js reads it beside the app folder only`
          : `restore it (\`git checkout -- ${expected}\`): Next.js 16 runs it on every request, and it calls auth0.middleware()`,
      ),
    );
  } else if (proxy && !middleware) {
    results.push(pass('routes', proxy, "Next.js 16's proxy (it mounts /auth/*); no middleware.ts"));
  }
  for (const file of ignored) {
    results.push(
      warn(
        'routes',
        file,
        `ignored: Next.js reads proxy.ts beside the app folder, in ${dir}/`,
        proxy ? `remove ${file} (move anything it does into ${proxy})` : `move it to ${expected}`,
      ),
    );
  }
  return results;
}
