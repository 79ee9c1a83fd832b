import { extraApiNames, parseApiCounts } from './names';
import { run, servicesOf } from './repo-copy';

/**
 * Walks the clone through each API count of `--apis` (increasing): generates APIs with
 * `pnpm gen api-service` (alpha, bravo, …) until its registry has that many, installs, and then
 * yields the count for the caller to measure. Shared by dev-scale and sessions-scale.
 */
export function* growRegistry(
  repo: string,
  env: NodeJS.ProcessEnv,
  apis: string,
  log: (line: string) => void,
): Generator<number> {
  const existingApis = servicesOf(repo, env).filter((s) => s.serviceName.endsWith('-api'));
  const counts = parseApiCounts(apis, existingApis.length);
  const names = extraApiNames(
    counts.at(-1)! - existingApis.length,
    existingApis.map((s) => s.serviceName.replace(/-api$/, '')),
  );
  let generated = 0;
  for (const count of counts) {
    const toAdd = count - existingApis.length - generated;
    for (const name of names.slice(generated, generated + toAdd)) {
      log(`generating ${name}`);
      run('pnpm', ['gen', 'api-service', '--args', name], repo, env);
    }
    if (toAdd > 0) run('pnpm', ['install', '--prefer-offline', '--reporter=silent'], repo, env);
    generated += toAdd;
    yield count;
  }
}
