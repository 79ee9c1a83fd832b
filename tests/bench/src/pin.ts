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
