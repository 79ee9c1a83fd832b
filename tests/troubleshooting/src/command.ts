import { spawn } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when this harness had to stop it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface CommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Stop it (its whole process group) after this long; the result then has `code: null`. */
  readonly timeoutMs: number;
  /** Stop it as soon as its output matches: for commands that wait, like a start-up. */
  readonly stopWhen?: (output: { stdout: string; stderr: string }) => boolean;
}

/**
 * Runs a command as a user would in a terminal and keeps what it printed. It runs in its own
 * process group, so stopping it stops what it started (pnpm → tsx → node), and only that.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const stopGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const check = () => {
    if (options.stopWhen?.({ stdout, stderr })) stopGroup();
  };
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    check();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    check();
  });
  const timer = setTimeout(stopGroup, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
