import { execFileSync } from 'node:child_process';

/**
 * Server and client each get a core of their own when taskset exists and there are at least
 * two cores: the server on CPU 0, the load generator on CPU 1.
 */
export interface Pinning {
  readonly enabled: boolean;
  readonly serverCpu: number;
  readonly clientCpu: number;
}

export function pinningFor(machine: { tasksetAvailable: boolean; cores: number }): Pinning {
  return { enabled: machine.tasksetAvailable && machine.cores >= 2, serverCpu: 0, clientCpu: 1 };
}

/** The command line that runs `command args` on one CPU, or unpinned. */
export function pinned(
  pinning: Pinning,
  cpu: number,
  command: string,
  args: string[],
): [string, string[]] {
  return pinning.enabled ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
}

export function describePinning(p: Pinning): string {
  return p.enabled
    ? `server on CPU ${p.serverCpu}, load generator on CPU ${p.clientCpu} (taskset -c)`
    : 'none (taskset missing or a single core): server and client share the CPUs';
}

/**
 * Runs `work` with this process on `cpu`, so that every process it starts meanwhile (and their
 * children, which inherit the affinity) runs there too and stays there; then gives this process
 * back the CPUs it had. How case (i) puts the whole stack on the server CPU without knowing its pids.
 */
export async function whileStartingOn<T>(
  pinning: Pinning,
  cpu: number,
  work: () => Promise<T>,
): Promise<T> {
  if (!pinning.enabled) return work();
  const pid = String(process.pid);
  const current = execFileSync('taskset', ['-p', '-c', pid], { encoding: 'utf8' });
  const list = current.slice(current.lastIndexOf(':') + 1).trim();
  // -a: every thread, the thread pool's included (a child inherits its spawning thread's mask).
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), pid], { stdio: 'ignore' });
  try {
    return await work();
  } finally {
    execFileSync('taskset', ['-a', '-p', '-c', list, pid], { stdio: 'ignore' });
  }
}
