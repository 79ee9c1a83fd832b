import { spawn, type ChildProcess } from 'node:child_process';
import type { Command } from './command';
import { linePrefixer } from './lines';
import { humanLine } from './pino-line';

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts one service in its own process group, so that the runner decides the order of the
 * shutdown (APIs before the database host) and a stop reaches the service's own children
 * (Next.js's workers, tsx's esbuild). Its lines go to our stdout/stderr with its prefix.
 */
export function startChild(
  name: string,
  width: number,
  command: Command,
  options: { readonly ipc?: boolean } = {},
): Child {
  const child = spawn(command.command, [...command.args], {
    cwd: command.cwd,
    env: command.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  for (const [stream, out] of [
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const) {
    const lines = linePrefixer(name, width, (text) => out.write(text), humanLine);
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => lines.push(chunk));
    stream.on('end', () => lines.flush());
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid && child.exitCode === null && child.signalCode === null)
        process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    process: child,
    exited,
    kill,
    async stop(graceMs = 10_000) {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever it left in its group (a worker that ignored SIGTERM) goes too.
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Nothing left.
      }
    },
  };
}
