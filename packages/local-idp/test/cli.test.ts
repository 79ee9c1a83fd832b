import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { apis } from '@repo/auth-config';
import { childEnv } from './support/child.env';
import { loginAs, webClientConfig } from './support/login';
import { startLogoutReceiver } from './support/logout-receiver';

const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];
const dirs: string[] = [];
const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-idp-cli-'));
  dirs.push(dir);
  return dir;
}

const envWith = childEnv;

function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [join('src', script), ...args], {
      cwd: join(import.meta.dirname, '..'),
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the dev CLI and resolves once it prints its ready line. */
function startCli(
  env: NodeJS.ProcessEnv,
): Promise<{ issuer: string; readyMs: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join('src', 'cli.ts')], {
      cwd: join(import.meta.dirname, '..'),
      env,
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready in (\d+) ms at (\S+)/.exec(out);
      if (m) resolve({ readyMs: Number(m[1]), issuer: m[2]!, child });
    });
    child.on('close', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
  });
}

describe('dev CLI', () => {
  it('starts on the requested port, bound to localhost, in under 2 s', async () => {
    const dir = tempDir();
    const { issuer, readyMs } = await startCli(envWith({ PORT: '0', LOCAL_IDP_DATA_DIR: dir }));
    expect(issuer).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(readyMs).toBeLessThan(2000);
    expect((await fetch(`${issuer}healthz`)).status).toBe(200);
  });

  it('refuses NODE_ENV=production, and starts with a loud warning when USE_LOCAL_IDP=true overrides it', async () => {
    const refused = await run(
      'cli.ts',
      [],
      envWith({ NODE_ENV: 'production', PORT: '0', LOCAL_IDP_DATA_DIR: tempDir() }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refuses to start with NODE_ENV=production/);

    const env = envWith({
      NODE_ENV: 'production',
      USE_LOCAL_IDP: 'true',
      PORT: '0',
      LOCAL_IDP_DATA_DIR: tempDir(),
    });
    const child = spawn(tsx, [join('src', 'cli.ts')], {
      cwd: join(import.meta.dirname, '..'),
      env,
    });
    children.push(child);
    const warning = await new Promise<string>((resolve) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        // oidc-provider prints a WARNING of its own on Node 20 (runtime support), maybe first.
        if (/USE_LOCAL_IDP=true/.test(err)) resolve(err);
      });
    });
    expect(warning).toMatch(/WARNING.*NODE_ENV=production because USE_LOCAL_IDP=true/);
  });

  it('posts logout tokens where WEB_BACKCHANNEL_LOGOUT_URI says, and logs each delivery', async () => {
    const receiver = await startLogoutReceiver();
    servers.push(receiver);
    const { issuer, child } = await startCli(
      envWith({
        PORT: '0',
        LOCAL_IDP_DATA_DIR: tempDir(),
        WEB_BACKCHANNEL_LOGOUT_URI: receiver.uri,
      }),
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const { tokens } = await loginAs(await webClientConfig(issuer), 'alice', {
      scope: 'openid offline_access',
    });

    const res = await fetch(`${issuer}api/v2/users/${encodeURIComponent('auth0|alice')}/sessions`, {
      method: 'DELETE',
    });

    expect(res.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    await expect
      .poll(() => out)
      .toContain(
        `back-channel logout of sid ${String(tokens.claims()!.sid)} -> ${receiver.uri} ok`,
      );
  });

  it('refuses a WEB_BACKCHANNEL_LOGOUT_URI that is not on this machine', async () => {
    const refused = await run(
      'cli.ts',
      [],
      envWith({
        PORT: '0',
        LOCAL_IDP_DATA_DIR: tempDir(),
        WEB_BACKCHANNEL_LOGOUT_URI: 'https://app.example.com/auth/backchannel-logout',
      }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /WEB_BACKCHANNEL_LOGOUT_URI: .* is not an http URL on localhost/,
    );
  });
});

describe('pnpm auth:token', () => {
  it('prints only a token that the running IdP’s JWKS verifies, from the same persisted key', async () => {
    const dir = tempDir();
    const { issuer } = await startCli(envWith({ PORT: '0', LOCAL_IDP_DATA_DIR: dir }));
    const port = new URL(issuer).port;
    const { code, stdout, stderr } = await run(
      'token-cli.ts',
      ['--user', 'carol', '--api', 'orders'],
      envWith({ PORT: port, LOCAL_IDP_DATA_DIR: dir }),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(stderr).toContain('carol');
    const { payload } = await jwtVerify(
      stdout.trim(),
      createRemoteJWKSet(new URL(`${issuer}.well-known/jwks.json`)),
      { issuer, audience: apis.orders.audience },
    );
    expect(payload).toMatchObject({
      sub: 'auth0|carol',
      scope: 'read:orders',
      permissions: ['read:orders'],
    });
  });

  it('works with no IdP running and no key yet, and names the valid choices on bad input', async () => {
    const dir = tempDir();
    const ok = await run(
      'token-cli.ts',
      ['--user', 'alice', '--api', 'profile', '--scope', 'read:profile'],
      envWith({ LOCAL_IDP_DATA_DIR: dir }),
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('.')).toHaveLength(3);

    const bad = await run(
      'token-cli.ts',
      ['--user', 'mallory', '--api', 'orders'],
      envWith({ LOCAL_IDP_DATA_DIR: dir }),
    );
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--user must be one of: alice, bob, carol, admin/);
  });

  it('--service prints a client-credentials token of the calling API, shaped as the token endpoint issues it', async () => {
    const dir = tempDir();
    const { issuer } = await startCli(envWith({ PORT: '0', LOCAL_IDP_DATA_DIR: dir }));
    const port = new URL(issuer).port;
    const { code, stdout, stderr } = await run(
      'token-cli.ts',
      ['--service', 'orders', '--api', 'profile'],
      envWith({ PORT: port, LOCAL_IDP_DATA_DIR: dir }),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(stderr).toContain('local-orders-api');
    const { payload } = await jwtVerify(
      stdout.trim(),
      createRemoteJWKSet(new URL(`${issuer}.well-known/jwks.json`)),
      { issuer, audience: apis.profile.audience },
    );
    expect(payload).toMatchObject({
      sub: 'local-orders-api@clients',
      azp: 'local-orders-api',
      gty: 'client-credentials',
      scope: 'read:profile:service',
      permissions: ['read:profile:service'],
    });
    const undeclared = await run(
      'token-cli.ts',
      ['--service', 'orders', '--api', 'orders'],
      envWith({ LOCAL_IDP_DATA_DIR: dir }),
    );
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toMatch(/--api must be an API orders calls: profile/);
  });

  // pnpm 11 answers a bare `pnpm token` itself ("not yet implemented"), even after --filter: the
  // root scripts reach ours with `run`. These are the names the README gives.
  for (const args of [
    ['-s', 'auth:token'],
    ['-s', 'run', 'token'],
  ]) {
    it(`\`pnpm ${args.join(' ')}\` from the workspace root prints only the token`, async () => {
      const dir = tempDir();
      const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn('pnpm', [...args, '--user', 'bob', '--api', 'profile'], {
          cwd: join(import.meta.dirname, '..', '..', '..'),
          env: envWith({ LOCAL_IDP_DATA_DIR: dir }),
        });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (code) => resolve({ code, stdout }));
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    });
  }
});
