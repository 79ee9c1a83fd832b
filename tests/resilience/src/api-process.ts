import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@repo/test-harness/free-port';
import { childEnv } from '@repo/test-harness/child.env';
import { ordersApiDir } from './paths';

export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Everything it printed so far. */
  output(): string;
  signal(signal: NodeJS.Signals): void;
}

const live = new Set<ChildProcess>();
// A failed test must not leave an API running: kill what we started, nothing else.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * The Orders API's real entry point (src/server.ts, as `pnpm start` runs it) in a child
 * process, with exactly the env given (plus PATH/HOME), resolved once /healthz answers 200.
 */
export async function startOrdersProcess(
  env: Record<string, string>,
  options: { port?: number; timeoutMs?: number } = {},
): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the server in a child
  // process, so a signal to the CLI's pid (kill -9 above all) would miss the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ordersApiDir,
    env: childEnv({ LOG_LEVEL: 'warn', ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  for (;;) {
    if (gone) throw new Error(`orders-api exited before it was healthy:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`orders-api was not healthy in time:\n${out}`);
    }
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100)); // poll interval while waiting for the port
  }
  return {
    url,
    pid: child.pid!,
    exited,
    output: () => out,
    signal: (signal) => void child.kill(signal),
  };
}
