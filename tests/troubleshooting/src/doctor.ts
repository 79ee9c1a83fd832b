import { childEnv } from '@repo/test-harness/child.env';
import { runCommand } from './command';
import { repoRoot } from './paths';

export interface DoctorRow {
  readonly group: string;
  readonly subject: string;
  readonly status: 'pass' | 'fail' | 'warn' | 'info' | 'skip';
  readonly detail: string;
  readonly fix?: string;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly DoctorRow[];
}

/**
 * `pnpm auth:doctor --json` as a user runs it from the repo root, with this shell env (the
 * doctor applies it to every app, over each app folder's .env files).
 */
export async function runDoctor(
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<{ code: number | null; report: DoctorReport }> {
  const result = await runCommand(
    'pnpm',
    ['--reporter=silent', 'auth:doctor', '--json', '--timeout', '2000', ...args],
    { cwd: repoRoot, env: childEnv(env), timeoutMs: 60_000 },
  );
  return { code: result.code, report: JSON.parse(result.stdout) as DoctorReport };
}

/** The rows of one group whose subject starts with `subject`. */
export const rowsOf = (report: DoctorReport, group: string, subject = '') =>
  report.checks.filter((r) => r.group === group && r.subject.startsWith(subject));
