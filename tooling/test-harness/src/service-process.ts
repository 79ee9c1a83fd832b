import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Polled until it answers 200. */
  healthUrl: string;
  logFile: string;
  startTimeoutMs?: number;
}

export interface RunningService {
  readonly name: string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
// If the runner dies without teardown, take our process groups with it (never anyone else's).
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a service in its own process group (so that `next start`'s workers stop with it),
 * logs to a file, and resolves once its health URL answers 200. Rejects with the log's tail if
 * the process exits first or the timeout passes.
 */
export async function startService(spec: ServiceSpec): Promise<RunningService> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  exited.then(
    () => live.delete(child),
    () => {},
  );

  const deadline = Date.now() + (spec.startTimeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  exited.then(
    (code) => (exitCode = code),
    () => {},
  );
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(
        `${spec.name} exited with ${exitCode} before it was healthy:\n${tail(spec.logFile)}`,
      );
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(
        `${spec.name} was not healthy at ${spec.healthUrl} in time:\n${tail(spec.logFile)}`,
      );
    }
    try {
      const res = await fetch(spec.healthUrl, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100)); // poll interval while waiting for a condition
  }

  return {
    name: spec.name,
    async stop() {
      if (!live.has(child)) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}
