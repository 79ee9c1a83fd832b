import { randomBytes } from 'node:crypto';
import { apiEnvPrefix, apiNames } from '@repo/auth-config';
import { childEnv } from '@repo/test-harness/child.env';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/command';
import { rowsOf, runDoctor } from '../src/doctor';
import { repoRoot } from '../src/paths';

/**
 * "Works in dev, 500 in prod": `pnpm --filter @repo/web start` after a build, as the README says,
 * with an env that is wrong in one way. Before: a healthy banner, then a bare "Internal Server
 * Error" on every page; an unreachable tenant meant 120 s of silence and a stack trace.
 */
const start = (env: Record<string, string>, stopWhen?: (o: { stderr: string }) => boolean) =>
  runCommand('pnpm', ['--filter', '@repo/web', 'start'], {
    cwd: repoRoot,
    env: childEnv(env),
    timeoutMs: 30_000,
    stopWhen,
  });

/** What web itself printed on stderr: pnpm 11 echoes the script's command there first. */
const webLines = (stderr: string) =>
  stderr.split('\n').filter((line) => line !== '' && !line.startsWith('$ '));

const stackTrace = /^\s+at .+\(.*:\d+:\d+\)$/m;

describe('pnpm --filter @repo/web start', () => {
  it('without the production env: exits 1 within 10 s, the env error first, every problem with its fix, no banner', async () => {
    const result = await start({});
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.ms).toBeLessThan(10_000);
    const lines = webLines(result.stderr);
    expect(lines[0]).toMatch(/^Invalid environment for web \(\d+ problems\):$/);
    expect(result.stderr).toMatch(/AUTH0_DOMAIN: is not set\. Fix: /);
    expect(result.stderr).toMatch(/SESSION_STORE_URL/);
    // Nothing that looks healthy, and no variable web does not have.
    expect(result.stdout + result.stderr).not.toMatch(/\[web\] open |Ready in|DATABASE_URL/);
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('the doctor agrees with --production: web’s env fails, each row with a fix, none naming a variable web does not have', async () => {
    const { code, report } = await runDoctor({}, ['--production']);
    expect(code).toBe(1);
    const web = rowsOf(report, 'env', 'web ');
    const failed = web.filter((r) => r.status === 'fail').map((r) => r.subject);
    expect(failed).toEqual(expect.arrayContaining(['web AUTH0_DOMAIN', 'web SESSION_STORE_URL']));
    for (const row of web.filter((r) => r.status === 'fail')) expect(row.fix).toBeTruthy();
    expect(
      report.checks.filter((r) => r.subject.startsWith('web') && /DATABASE_URL/.test(r.fix ?? '')),
    ).toEqual([]);
  });

  it('with a tenant that cannot be reached: progress within seconds naming the address, never a stack trace', async () => {
    const apis = Object.fromEntries(
      apiNames.map((n) => [`${apiEnvPrefix(n)}_API_URL`, `https://${n}.example.com`]),
    );
    const progress =
      /waiting for the issuer's keys at https:\/\/tenant\.invalid\/\.well-known\/jwks\.json/g;
    const result = await start(
      {
        // .invalid never resolves (RFC 2606): the DNS lookup fails as for a mistyped tenant.
        AUTH0_DOMAIN: 'tenant.invalid',
        AUTH0_CLIENT_ID: 'client-id',
        AUTH0_CLIENT_SECRET: 'client-secret',
        AUTH0_SECRET: randomBytes(32).toString('hex'),
        APP_BASE_URL: 'https://app.example.com',
        SESSION_STORE_URL: 'redis://127.0.0.1:1',
        ...apis,
      },
      // Two progress lines (one at once, one 5 s later) are what a person waiting sees.
      ({ stderr }) => (stderr.match(progress)?.length ?? 0) >= 2,
    );
    expect(result.code, 'still waiting when this test stopped it').toBeNull();
    expect(result.ms).toBeLessThan(15_000);
    expect(webLines(result.stderr)[0]).toMatch(
      /^\[web\] waiting for the issuer's keys at https:\/\/tenant\.invalid\/\.well-known\/jwks\.json \((ENOTFOUND|EAI_AGAIN|TimeoutError), 0 s\) …$/,
    );
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stdout).not.toMatch(/\[web\] open /);
  });
});
