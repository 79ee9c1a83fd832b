import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';

export interface Runtime {
  readonly label: string;
  readonly path: string;
  readonly version: string;
}

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly tasksetAvailable: boolean;
  /** 1-minute load average when the bench started; other users of the machine show here. */
  readonly loadAtStart: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  const taskset = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    tasksetAvailable: taskset.status === 0,
    loadAtStart: loadavg()[0]!,
  };
}

export const loadNow = (): number => loadavg()[0]!;

export function runtimeAt(label: string, path: string): Runtime {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${path} --version failed: ${out.stderr}`);
  return { label, path, version: out.stdout.trim() };
}

/** The node@24 npm package's binary (a devDependency of this package). */
export function node24Path(): string {
  const pkg = createRequire(import.meta.url).resolve('node/package.json');
  return join(dirname(pkg), 'bin', 'node');
}

/**
 * A Node 22 binary: `given` when set, else npm's `node@22` package installed once under
 * `cacheDir` (`npm i --prefix <dir> node@22`, the way .ci/run gets Node 24; about 4 s).
 */
export function node22Path(given: string | undefined, cacheDir: string): string {
  if (given) return given;
  const prefix = join(cacheDir, 'bench-node22');
  const bin = join(prefix, 'node_modules', '.bin', 'node');
  const installed = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (installed.status === 0 && installed.stdout.startsWith('v22.')) return bin;
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', 'node@22'],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0) throw new Error(`npm install --prefix ${prefix} node@22 failed`);
  return bin;
}
