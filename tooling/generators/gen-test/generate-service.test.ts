import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@repo/auth-config';
import { freePort } from '@repo/test-harness/free-port';
import { startService, type RunningService } from '@repo/test-harness/service-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEnv } from './child.env';

/**
 * The acceptance test of `pnpm gen api-service`: in a copy of this repo, generate "billing",
 * install, then typecheck, lint and test everything, and start the new service against the local
 * IdP. Nothing here touches the real checkout.
 */
const source = findWorkspaceRoot(import.meta.dirname);
const work = mkdtempSync(join(tmpdir(), 'gen-api-service-'));
const repo = join(work, 'repo');
const logDir = join(work, 'logs');
const running: RunningService[] = [];

/** Runs pnpm in the copy; returns stdout and stderr, throws with them when it fails. */
function pnpm(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): { stdout: string; output: string } {
  const result = spawnSync('pnpm', args, {
    cwd: options.cwd ?? repo,
    env: commandEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`pnpm ${args.join(' ')} exited ${result.status}:\n${output.slice(-6000)}`);
  return { stdout: result.stdout, output };
}

/** The files git would commit (tracked, plus new files not ignored): a clean clone's content. */
function copyRepo(): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: source, encoding: 'utf8' },
  )
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    try {
      cpSync(join(source, file), join(repo, file));
    } catch {
      // Listed but deleted in the working tree: a clean clone would not have it either.
    }
  }
}

beforeAll(() => {
  copyRepo();
  pnpm(['install', '--no-frozen-lockfile']);
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(work, { recursive: true, force: true });
});

describe('pnpm gen api-service --args billing, then pnpm gen api-call --args billing profile', () => {
  it('refuses an existing service, a non-slug and a reserved word, and changes nothing', () => {
    const registry = join(repo, 'packages', 'auth-config', 'src', 'registry.ts');
    const registryBefore = readFileSync(registry, 'utf8');
    const appsBefore = readdirSync(join(repo, 'apps')).sort();
    for (const [name, reason] of [
      ['orders', /already exists/],
      ['Bad_Name', /not a slug/],
      ['web', /reserved/],
    ] as const) {
      expect(() => pnpm(['gen', 'api-service', '--args', name])).toThrow(reason);
    }
    expect(readFileSync(registry, 'utf8')).toBe(registryBefore);
    expect(readdirSync(join(repo, 'apps')).sort()).toEqual(appsBefore);
  });

  it('creates a service that typechecks, lints and passes its own tests', () => {
    const { output: out } = pnpm(['gen', 'api-service', '--args', 'billing']);
    expect(out).toMatch(/registry: billing on port 40\d\d/);
    pnpm(['install', '--no-frozen-lockfile']);
    pnpm(['typecheck']);
    pnpm(['lint']);
    const { output: tests } = pnpm(['--filter', '@repo/billing-api', 'test']);
    // eslint-disable-next-line no-control-regex -- vitest colours its summary on a CI terminal
    expect(tests.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+\d+ passed/);
    // Everything generated from the registry is fresh again (.env.example files, Dockerfiles,
    // the Auth0 tenant).
    // (auth-config's other tests pin the Conventions' two APIs on purpose; only its freshness test.)
    pnpm(['--filter', '@repo/auth-config', 'exec', 'vitest', 'run', 'test/env-example.test.ts']);
    pnpm(['--filter', '@repo/deploy-tools', 'test']);
  });

  it('pnpm gen api-call --args billing profile: the registry, the env example and the tenant say billing calls profile', () => {
    expect(() => pnpm(['gen', 'api-call', '--args', 'orders', 'profile'])).toThrow(
      /orders already declares that it calls profile/,
    );
    const { output } = pnpm(['gen', 'api-call', '--args', 'billing', 'profile']);
    expect(output).toMatch(/registry: billing calls profile with read:profile:service/);
    const registry = readFileSync(
      join(repo, 'packages', 'auth-config', 'src', 'registry.ts'),
      'utf8',
    );
    expect(registry).toMatch(
      / {2}billing: \{\n(?: {4}.*\n)*? {4}calls: \{ profile: \['read:profile:service'\] \},\n {2}\},/,
    );
    const env = readFileSync(join(repo, 'apps', 'billing-api', '.env.example'), 'utf8');
    expect(env).toMatch(/^# AUTH0_CLIENT_ID=.*local-billing-api$/m);
    expect(env).toMatch(/^# PROFILE_API_URL=http:\/\/localhost:4002 /m);
    // Fresh again, and the layering rules take billing's new right to profile's contract.
    pnpm(['--filter', '@repo/auth-config', 'exec', 'vitest', 'run', 'test/env-example.test.ts']);
    pnpm([
      '--filter',
      '@repo/deploy-tools',
      'exec',
      'vitest',
      'run',
      'test/auth0.test.ts',
      '-t',
      'up to date',
    ]);
    pnpm(['--filter', '@repo/auth-config', 'typecheck']);
    pnpm(['--filter', '@repo/repo-checks', 'test']);
  });

  it('starts against the local IdP: a billing token gets 200, an orders token gets 401', async () => {
    const [idpPort, apiPort] = await Promise.all([freePort(), freePort()]);
    const idpData = join(work, 'idp');
    const idpEnv = { PORT: String(idpPort), LOCAL_IDP_DATA_DIR: idpData };
    const idpDir = join(repo, 'packages', 'local-idp');
    const apiDir = join(repo, 'apps', 'billing-api');
    running.push(
      await startService({
        name: 'local-idp',
        command: join(idpDir, 'node_modules', '.bin', 'tsx'),
        args: ['src/cli.ts'],
        cwd: idpDir,
        env: commandEnv(idpEnv),
        healthUrl: `http://127.0.0.1:${idpPort}/healthz`,
        logFile: join(logDir, 'local-idp.log'),
      }),
    );
    running.push(
      await startService({
        name: 'billing-api',
        command: join(apiDir, 'node_modules', '.bin', 'tsx'),
        args: ['src/server.ts'],
        cwd: apiDir,
        env: commandEnv({
          USE_LOCAL_IDP: 'true',
          AUTH0_DOMAIN: `http://localhost:${idpPort}`,
          PORT: String(apiPort),
          DATA_DIR: join(work, 'billing-data'),
          LOG_LEVEL: 'warn',
        }),
        healthUrl: `http://127.0.0.1:${apiPort}/healthz`,
        logFile: join(logDir, 'billing-api.log'),
      }),
    );
    const token = (api: string) =>
      pnpm(['-s', 'run', 'token', '--user', 'alice', '--api', api], { env: idpEnv }).stdout.trim();
    // Both tokens first: `pnpm` runs synchronously, and a kept-alive socket that the server
    // closes while this process is blocked would fail the next request.
    const billingToken = token('billing');
    const ordersToken = token('orders');
    const items = (t: string) =>
      fetch(`http://127.0.0.1:${apiPort}/items`, { headers: { Authorization: `Bearer ${t}` } });

    const ok = await items(billingToken);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ items: [], nextCursor: null });
    const wrongAudience = await items(ordersToken);
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers.get('www-authenticate')).toMatch(/invalid_token/);

    // billing calls profile (the previous test): the running IdP has its M2M client, granted
    // exactly that, and `pnpm auth:token --service` prints the same kind of token.
    const granted = await fetch(`http://127.0.0.1:${idpPort}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'local-billing-api',
        client_secret: 'local-billing-api-dev-secret-do-not-use-in-production',
        audience: 'https://api.example.com/profile',
      }),
    });
    expect(granted.status).toBe(200);
    expect(((await granted.json()) as { scope: string }).scope).toBe('read:profile:service');
    const service = pnpm(['-s', 'auth:token', '--service', 'billing', '--api', 'profile'], {
      env: idpEnv,
    }).stdout.trim();
    const claims = JSON.parse(Buffer.from(service.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      gty: string;
    };
    expect(claims).toMatchObject({ sub: 'local-billing-api@clients', gty: 'client-credentials' });
  });
});
