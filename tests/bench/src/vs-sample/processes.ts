import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Runtime } from '../machine';
import { pinned, type Pinning } from '../pin';

/** A server the bench started as a process of its own: where it listens, what CPU it used. */
export interface PeerProcess {
  readonly label: string;
  readonly url: string;
  readonly pid: number;
  /** User + system CPU time so far, in µs, from /proc (the process cannot be asked over IPC). */
  cpuMicros(): number;
  /** SIGTERM to this pid only, SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export interface PeerSpawn {
  readonly label: string;
  readonly runtime: Runtime;
  readonly cwd: string;
  /** Node arguments after `node` (e.g. `--import ./dist/instrumentation.mjs dist/server.mjs`). */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** Polled until it answers (any status): the server is up. */
  readonly readyPath: string;
  /** An fd open for appending: every peer's stdout goes to the same file. */
  readonly stdoutFd: number;
}

/** A port the kernel just handed out and released again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const ticksPerSecond = 100; // USER_HZ on Linux

/** User + system CPU time of `pid` so far, in µs (/proc/<pid>/stat). */
export function cpuMicrosOf(pid: number): number {
  // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** Starts a server on the server CPU and waits until it answers. */
export async function startPeer(pinning: Pinning, spec: PeerSpawn): Promise<PeerProcess> {
  const [command, argv] = pinned(pinning, pinning.serverCpu, spec.runtime.path, [...spec.args]);
  const child = spawn(command, argv, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', spec.stdoutFd, 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.label} did not start`);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`${spec.label} exited with ${exitCode} before it answered`);
    try {
      await fetch(url + spec.readyPath, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (performance.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${spec.label} did not answer on ${url} within 60 s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    label: spec.label,
    url,
    pid,
    cpuMicros: () => cpuMicrosOf(pid),
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
