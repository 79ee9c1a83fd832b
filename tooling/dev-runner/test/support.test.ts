import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apis, findWorkspaceRoot } from '@repo/auth-config';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../src/db-template';
import { isHostedMessage } from '../src/db-protocol';
import { linePrefixer } from '../src/lines';
import { humanLine } from '../src/pino-line';
import { readWorkspace, sourceDirsOf, type WorkspacePackage } from '../src/workspace';

describe('linePrefixer', () => {
  it('prefixes whole lines only, padded to the widest name, and keeps a partial line for later', () => {
    const out: string[] = [];
    const lines = linePrefixer('web', 10, (t) => out.push(t));
    lines.push('ready in 2');
    expect(out).toEqual([]);
    lines.push('0 ms\nGET /healthz 200\npart');
    lines.flush();
    expect(out.join('')).toBe(
      '[web       ] ready in 20 ms\n[web       ] GET /healthz 200\n[web       ] part\n',
    );
  });
});

describe('humanLine', () => {
  it("shows an API's pino JSON line as level, message and its fields, trace id included", () => {
    const json = JSON.stringify({
      level: 30,
      time: 1764500000000,
      pid: 1,
      hostname: 'h',
      service: 'orders-api',
      req: { method: 'GET', url: '/orders' },
      res: { statusCode: 200 },
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      msg: 'request completed',
    });
    expect(humanLine(json)).toBe(
      'INFO  request completed req.method=GET req.url=/orders res.statusCode=200 trace_id=0af7651916cd43dd8448eb211c80319c',
    );
  });

  it('leaves any other line as it is', () => {
    expect(humanLine('▲ Next.js 16 ready in 900 ms')).toBe('▲ Next.js 16 ready in 900 ms');
    expect(humanLine('{"not":"pino"}')).toBe('{"not":"pino"}');
  });
});

describe('sourceDirsOf', () => {
  const pkgs: WorkspacePackage[] = [
    {
      name: '@repo/orders-api',
      dir: '/r/apps/orders-api',
      workspaceDeps: ['@repo/service-kit', '@repo/api-contracts'],
    },
    {
      name: '@repo/service-kit',
      dir: '/r/packages/service-kit',
      workspaceDeps: ['@repo/auth-config'],
    },
    { name: '@repo/api-contracts', dir: '/r/packages/api-contracts', workspaceDeps: [] },
    { name: '@repo/auth-config', dir: '/r/packages/auth-config', workspaceDeps: [] },
    { name: '@repo/local-idp', dir: '/r/packages/local-idp', workspaceDeps: ['@repo/auth-config'] },
  ];

  it("watches the API's own sources and those of every workspace package it runs on, transitively", () => {
    expect(sourceDirsOf('/r/apps/orders-api', pkgs)).toEqual([
      '/r/apps/orders-api/src',
      '/r/packages/api-contracts/src',
      '/r/packages/auth-config/src',
      '/r/packages/service-kit/src',
    ]);
  });
});

describe('ensureDataDir', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const scratch = () => {
    const d = mkdtempSync(join(tmpdir(), 'dev-runner-test-'));
    dirs.push(d);
    return d;
  };
  let builds = 0;
  const fakeInitdb = async (dir: string) => {
    builds += 1;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '17');
  };

  it('initialises the template once and gives each new service a copy of it', async () => {
    const base = scratch();
    builds = 0;
    const template = join(base, 'dev-runner', 'template');
    expect(await ensureDataDir(join(base, 'a-api'), template, fakeInitdb)).toBe('created');
    expect(await ensureDataDir(join(base, 'b-api'), template, fakeInitdb)).toBe('created');
    expect(builds).toBe(1);
    expect(readFileSync(join(base, 'b-api', 'PG_VERSION'), 'utf8')).toBe('17');
  });

  it('never touches a folder that already holds data, and treats an empty folder as new', async () => {
    const base = scratch();
    const template = join(base, 'template');
    mkdirSync(join(base, 'kept'));
    writeFileSync(join(base, 'kept', 'mine'), 'data');
    expect(await ensureDataDir(join(base, 'kept'), template, fakeInitdb)).toBe('kept');
    expect(existsSync(join(base, 'kept', 'PG_VERSION'))).toBe(false);
    mkdirSync(join(base, 'empty'));
    expect(await ensureDataDir(join(base, 'empty'), template, fakeInitdb)).toBe('created');
  });
});

describe('isHostedMessage', () => {
  it("recognises the database host's message for one open database, and nothing else", () => {
    expect(isHostedMessage({ hosted: { serviceName: 'orders-api', port: 1 } })).toBe(true);
    expect(isHostedMessage({ hosted: { serviceName: 'orders-api' } })).toBe(false);
    expect(isHostedMessage({ ready: true })).toBe(false);
    expect(isHostedMessage(null)).toBe(false);
  });
});

describe('readWorkspace (this repo)', () => {
  it('finds every API with its runtime workspace dependencies, so a change in service-kit restarts them', () => {
    const root = findWorkspaceRoot(import.meta.dirname);
    const packages = readWorkspace(root);
    for (const { serviceName } of Object.values(apis)) {
      expect(sourceDirsOf(join(root, 'apps', serviceName), packages)).toEqual(
        expect.arrayContaining([
          join(root, 'apps', serviceName, 'src'),
          join(root, 'packages', 'service-kit', 'src'),
          join(root, 'packages', 'auth-config', 'src'),
        ]),
      );
    }
  });
});
