import { spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** The step fails, and its process group is killed, after this long. */
  readonly timeoutMs: number;
}

export interface RunResult {
  readonly output: string;
  readonly ms: number;
}

/** Output kept for an error message: enough to see why a build failed, not megabytes. */
const keepChars = 20_000;

/** Runs one command to completion; rejects with its output's tail when it fails or times out. */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-keepChars);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[timed out after ${options.timeoutMs} ms]`;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      if (code === 0) resolve({ output, ms });
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code ?? signal}:\n${output}`,
          ),
        );
    });
  });
}

/** Kills the command and everything it started (pnpm -> turbo -> next build). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
