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
