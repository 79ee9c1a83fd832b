import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Service {
  readonly serviceName: string;
  readonly port: number;
}

/** Runs a command in the copy, its output to our stderr; throws when it fails. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): void {
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status} in ${cwd}`);
}

/** Runs a command in the copy and returns its trimmed stdout. */
export function output(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8' }).trim();
}

/**
 * The services of the copy, from its own registry (not ours: the copy has the generated APIs),
 * read by a child Node with the copy's tsx: a fresh process sees the registry as it is now.
 */
export function servicesOf(repo: string, env: NodeJS.ProcessEnv): Service[] {
  const dir = join(repo, 'packages', 'auth-config');
  const script = `const r = await import(${JSON.stringify(join(dir, 'src', 'registry.ts'))}); console.log(JSON.stringify(r.allServices()));`;
  const json = output(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    dir,
    env,
  );
  return (JSON.parse(json) as Service[]).map(({ serviceName, port }) => ({ serviceName, port }));
}

/** The root `dev` script of the copy. */
export function devScriptOf(repo: string): string {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return manifest.scripts?.dev ?? '';
}

/**
 * Arguments after `pnpm dev`. The old `turbo run dev` refuses to start more persistent tasks
 * than its concurrency (10 by default); as in the baseline measured by hand, the limit is raised
 * to fit every service. A dev script that is not turbo gets nothing.
 */
export function devArgsFor(devScript: string, services: number): string[] {
  return /^turbo\b/.test(devScript.trim()) ? [`--concurrency=${services + 2}`] : [];
}
