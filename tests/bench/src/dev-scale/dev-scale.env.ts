import { delimiter, resolve, sep } from 'node:path';

/**
 * The environment `pnpm dev` runs with in the measured copy: this shell's, less what pnpm adds
 * for the script that runs the measurement (this workspace's node_modules/.bin folders on PATH,
 * one of which holds this package's Node 24 shim; npm_* and PNPM_* variables), so the copy runs
 * as a developer's shell would run it.
 */
export function devShellEnv(workspaceRoot: string): NodeJS.ProcessEnv {
  const inside = (dir: string) => resolve(dir).startsWith(resolve(workspaceRoot) + sep);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|PNPM_|pnpm_)/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !inside(dir))
    .join(delimiter);
  return env;
}
