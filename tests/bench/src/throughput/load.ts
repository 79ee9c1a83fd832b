import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../machine';
import { pinned, type Pinning } from '../pin';
import type { ServerArgs, ServerMessage, VerifierCounters } from './protocol';

export interface ClientArgs {
  readonly url: string;
  readonly path: string;
  /**
   * A JSON array of tokens: one is sent on every request, more are cycled through. Unset: no
   * Authorization header (the web app's pages, case (i)).
   */
  readonly tokensFile?: string;
  /** Where in the pool to start, so consecutive runs keep cycling instead of starting over. */
  readonly tokenOffset: number;
  /** Sent on every request as they are, e.g. a session cookie. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly pipelining: number;
  readonly seconds: number;
}

export interface ClientResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly sent: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface ServerSample {
  readonly verifier: VerifierCounters | null;
  readonly cpuMicros: number;
}

export interface ServerProcess {
  readonly protectedUrl: string;
  readonly unprotectedUrl: string;
  /** The default verifier's counters (null if service-kit stops exposing them) and the CPU used so far. */
  sample(): Promise<ServerSample>;
  stop(): Promise<void>;
}

const benchDir = join(import.meta.dirname, '..', '..');
const script = (name: string) => join(benchDir, 'src', 'throughput', name);

/** Files the driver hands to client processes; removed by `cleanup`. */
export function scratch(): { file(name: string, value: unknown): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  return {
    file(name, value) {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The orders-api server process (protected and unprotected apps) on its own CPU. */
export async function startServerProcess(
  runtime: Runtime,
  pinning: Pinning,
  args: ServerArgs,
): Promise<ServerProcess> {
  const [command, argv] = pinned(pinning, pinning.serverCpu, runtime.path, [
    '--import',
    'tsx',
    script('server.ts'),
    JSON.stringify(args),
  ]);
  // stdout (the request log: rejected tokens are logged at warn) goes nowhere; errors show.
  const child = spawn(command, argv, {
    cwd: benchDir,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Extract<ServerMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the server process exited with ${code} before it was ready`)),
    );
    child.on('message', (m: ServerMessage) => {
      if (m.type === 'ready') resolve(m);
    });
  });
  return {
    protectedUrl: ready.protectedUrl,
    unprotectedUrl: ready.unprotectedUrl,
    sample: () =>
      new Promise((resolve) => {
        const onMessage = (m: ServerMessage) => {
          if (m.type !== 'stats') return;
          child.off('message', onMessage);
          resolve({ verifier: m.verifier, cpuMicros: m.cpuMicros });
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' });
      }),
    async stop() {
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One autocannon run in a process of its own on the client CPU. */
export async function runClient(
  runtime: Runtime,
  pinning: Pinning,
  argsFile: string,
): Promise<ClientResult> {
  const [command, argv] = pinned(pinning, pinning.clientCpu, runtime.path, [
    '--import',
    'tsx',
    script('client.ts'),
    argsFile,
  ]);
  const child = spawn(command, argv, { cwd: benchDir, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{'))
    throw new Error(`the load generator failed (exit ${code}): ${out}`);
  return JSON.parse(line) as ClientResult;
}
