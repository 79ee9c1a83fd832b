import { delimiter, sep } from 'node:path';

/**
 * The environment `pnpm dev` runs with in the measured copy: this shell's, less what pnpm adds
 * for the script that runs the measurement (node_modules/.bin on PATH, whose `node` is this
 * package's Node 24 shim; npm_* and PNPM_* variables), so the copy runs as a developer's shell
 * would run it.
 */
export function devShellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|PNPM_|pnpm_)/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.split(sep).includes('node_modules'))
    .join(delimiter);
  return env;
}
