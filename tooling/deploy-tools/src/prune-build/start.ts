import { spawn } from 'node:child_process';
import { killGroup } from './run';

export interface Started {
  /** The base URL the process announced, e.g. http://127.0.0.1:38211. */
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Reads one line of output; returns the base URL once the process says it is listening. */
  readonly readyFrom: (line: string) => string | undefined;
  readonly timeoutMs: number;
}

const stopGraceMs = 10_000;

/**
 * Starts a long-running process and resolves when it announces its URL. Waiting for the
 * announcement (not for a fixed time) keeps the test as fast as the machine allows; the process
 * exiting first, or the timeout, fails with its output.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartOptions,
): Promise<Started> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let pending = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), stopGraceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() =>
        reject(new Error(`${command} ${args.join(' ')} ${why}:\n${output.slice(-20_000)}`)),
      );
    };
    const timer = setTimeout(
      () => fail(`did not announce a URL within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = settled ? undefined : options.readyFrom(line);
        if (url !== undefined) {
          settled = true;
          clearTimeout(timer);
          resolve({ url, output: () => output, stop });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('close', (code, signal) =>
      fail(`exited with ${code ?? signal} before it was ready`),
    );
  });
}

/** service-kit logs `{"msg":"listening","url":"http://0.0.0.0:PORT"}` (pino JSON) once bound. */
export function apiReadyFrom(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    if (entry.msg !== 'listening' || typeof entry.url !== 'string') return undefined;
    const url = new URL(entry.url);
    // 0.0.0.0 is where it listens, not an address to connect to.
    if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Next's standalone server prints `✓ Ready in …` once it accepts connections. */
export function nextReadyFrom(origin: string): (line: string) => string | undefined {
  return (line) => (/\bReady\b/.test(line) ? origin : undefined);
}
