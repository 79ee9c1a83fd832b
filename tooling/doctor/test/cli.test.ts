import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childEnv } from './support/child.env';
import { deadPorts, localSources } from './support/setup';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child with exactly this environment (never this process's). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], packageDir, env);
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The web app's local env (it names the IdP and every API), on ports nothing listens on. */
async function deadEnv(): Promise<Record<string, string>> {
  return localSources(await deadPorts()).web as Record<string, string>;
}

describe('the CLI', () => {
  it('prints the table with a fix under every ✗ and exits 1 when a check fails', async () => {
    const env = await deadEnv();
    const { code, stdout } = await cli([], env);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^pnpm auth:doctor \(local IdP profile; NODE_ENV unset, /);
    expect(stdout).toMatch(
      /✗\s+services\s+web \/readyz\s+not reachable at http:\/\/localhost:\d+: connection refused/,
    );
    const lines = stdout.split('\n');
    lines.forEach((line, i) => {
      if (line.startsWith('✗')) expect(lines[i + 1]).toMatch(/^\s+fix: \S/);
    });
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await cli(['--json'], await deadEnv());
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout) as {
      ok: boolean;
      profile: string;
      checks: { group: string; status: string; fix?: string }[];
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.profile).toBe('local');
    const down = parsed.checks.filter((c) => c.group === 'services' && c.status === 'fail');
    expect(down.length).toBeGreaterThan(0);
    expect(down.every((c) => c.fix?.startsWith('start it: `pnpm dev`'))).toBe(true);
  });

  it('checks every app under NODE_ENV=production with --production, in the table and in JSON', async () => {
    const env = await deadEnv();
    const table = await cli(['--production'], env);
    expect(table.stdout.split('\n')[0]).toBe(
      'pnpm auth:doctor --production (local IdP profile; NODE_ENV=production for every app)',
    );
    // The APIs have no .env here: in production they need DATABASE_URL.
    expect(table.stdout).toMatch(/✗\s+env\s+orders-api DATABASE_URL\s+is not set; production/);
    const json = await cli(['--json', '--production'], env);
    const parsed = JSON.parse(json.stdout) as { nodeEnv: { production: boolean } };
    expect(parsed.nodeEnv.production).toBe(true);
  });

  it('refuses a bad --timeout or an unknown option with its usage and exit code 2', async () => {
    for (const args of [['--timeout', 'soon'], ['--jsno']]) {
      const { code, stdout, stderr } = await cli(args, {});
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('usage: pnpm auth:doctor [--production] [--json]');
    }
  });

  for (const [command, args] of [
    ['pnpm auth:doctor', ['--silent', 'auth:doctor', '--json']],
    ['pnpm run doctor (the old name)', ['--silent', 'run', 'doctor', '--json']],
  ] as const) {
    it(`runs from the workspace root as \`${command}\``, async () => {
      const { code, stdout } = await run(
        'pnpm',
        [...args],
        workspaceRoot,
        childEnv(await deadEnv()),
      );
      expect(code).toBe(1);
      const parsed = JSON.parse(stdout) as { ok: boolean; checks: unknown[] };
      expect(parsed.ok).toBe(false);
      expect(parsed.checks.length).toBeGreaterThan(10);
    });
  }
});
