import { join } from 'node:path';
import { apis, services } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { commandFor, hostedDatabaseUrl, nodeFlags } from '../src/command';
import { devServices, type RegistryView } from '../src/services';

const root = '/repo';
const tenApis: RegistryView = {
  services,
  apis: Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [
      `svc${i}`,
      { serviceName: `svc${i}-api`, port: 4001 + i },
    ]),
  ),
};

describe('devServices', () => {
  it('derives one process per registered service: the IdP first, the database host, every API, web last', () => {
    const list = devServices(root, { apis, services }, { hostDatabases: true });
    expect(list.map((s) => [s.name, s.kind, s.port])).toEqual([
      ['local-idp', 'local-idp', services['local-idp'].port],
      ['dev-db', 'dev-db', undefined],
      ...Object.values(apis).map((a) => [a.serviceName, 'api', a.port]),
      ['web', 'web', services.web.port],
    ]);
  });

  it('takes every API of the registry, however many, each from its own folder', () => {
    const list = devServices(root, tenApis, { hostDatabases: true });
    const apiServices = list.filter((s) => s.kind === 'api');
    expect(apiServices).toHaveLength(10);
    expect(apiServices[9]).toEqual({
      name: 'svc9-api',
      kind: 'api',
      api: 'svc9',
      dir: join(root, 'apps', 'svc9-api'),
      entry: 'src/server.ts',
      preload: './src/instrumentation.ts',
      args: [],
      port: 4010,
      restartOnChange: true,
    });
  });

  it('starts no database host when no API keeps its data in PGlite', () => {
    const list = devServices(root, tenApis, { hostDatabases: false });
    expect(list.some((s) => s.kind === 'dev-db')).toBe(false);
  });

  it('restarts only the APIs on a file change: web reloads itself, the IdP keeps its sessions', () => {
    const list = devServices(root, { apis, services }, { hostDatabases: true });
    expect(list.filter((s) => s.restartOnChange).map((s) => s.kind)).toEqual(
      Object.keys(apis).map(() => 'api'),
    );
  });
});

describe('commandFor', () => {
  const [idp, db, orders] = devServices(root, { apis, services }, { hostDatabases: true });
  const web = devServices(root, { apis, services }, { hostDatabases: true }).at(-1)!;
  const base = { nodePath: '/usr/bin/node', env: { PATH: '/usr/bin', HOME: '/home/dev' } };

  it('runs Node directly with tsx as its loader, from the package folder, no pnpm or watcher', () => {
    expect(commandFor(idp!, base)).toEqual({
      command: '/usr/bin/node',
      args: ['--import', 'tsx', 'src/cli.ts'],
      cwd: join(root, 'packages', 'local-idp'),
      env: {
        PATH: `${join(root, 'packages', 'local-idp', 'node_modules', '.bin')}:/usr/bin`,
        HOME: '/home/dev',
      },
    });
    expect(commandFor(db!, base).args).toEqual([...nodeFlags, '--import', 'tsx', 'src/db-host.ts']);
  });

  it("runs web's own `next dev` on the registry's web port, from its node_modules/.bin", () => {
    const command = commandFor(web, base);
    expect(command.command).toBe(join(root, 'apps', 'web', 'node_modules', '.bin', 'next'));
    expect(command.args).toEqual(['dev', '--port', String(services.web.port)]);
    expect(command.cwd).toBe(join(root, 'apps', 'web'));
  });

  it('gives an API its memory flags and the URL of its hosted database', () => {
    const command = commandFor(orders!, {
      ...base,
      extraEnv: { DATABASE_URL: hostedDatabaseUrl(54321) },
    });
    expect(command.args).toEqual([
      ...nodeFlags,
      '--import',
      'tsx',
      '--import',
      './src/instrumentation.ts',
      'src/server.ts',
    ]);
    expect(command.cwd).toBe(join(root, 'apps', 'orders-api'));
    expect(command.env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:54321/postgres');
    expect(command.env.HOME).toBe('/home/dev');
  });

  it("puts the package's node_modules/.bin first on PATH, as pnpm run does (web runs `next`)", () => {
    expect(commandFor(web, base).env.PATH).toBe(
      `${join(root, 'apps', 'web', 'node_modules', '.bin')}:/usr/bin`,
    );
  });
});
