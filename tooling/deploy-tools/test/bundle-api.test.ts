import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleApi } from '../bin/bundle-api.mjs';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bundle-api', () => {
  it('inlines relative TypeScript, keeps npm packages external, copies the SQL migrations', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-api-'));
    await mkdir(join(dir, 'src', 'db', 'migrations'), { recursive: true });
    await writeFile(
      join(dir, 'src', 'greeting.ts'),
      "export const greeting: string = 'hello from a module';\n",
    );
    await writeFile(
      join(dir, 'src', 'server.ts'),
      "import { pino } from 'pino';\nimport { greeting } from './greeting';\nconsole.log(greeting, pino);\n",
    );
    await writeFile(
      join(dir, 'src', 'migrate.ts'),
      "import { greeting } from './greeting';\nconsole.log(greeting);\n",
    );
    await writeFile(
      join(dir, 'src', 'instrumentation.ts'),
      "import { greeting } from './greeting';\nconsole.log('instrumented', greeting);\n",
    );
    await writeFile(
      join(dir, 'src', 'db', 'migrations', '0001_init.sql'),
      'create table t (id int);\n',
    );

    const { outDir } = await bundleApi({ appDir: dir, log: () => {} });

    const server = await readFile(join(outDir, 'server.mjs'), 'utf8');
    expect(server).toContain('hello from a module');
    expect(server).toMatch(/from "pino"/);
    expect(await readFile(join(outDir, 'migrate.mjs'), 'utf8')).toContain('hello from a module');
    // The Dockerfile's `node --import ./dist/instrumentation.mjs dist/server.mjs` needs it.
    expect(await readFile(join(outDir, 'instrumentation.mjs'), 'utf8')).toContain('instrumented');
    expect(await readFile(join(outDir, 'migrations', '0001_init.sql'), 'utf8')).toContain(
      'create table',
    );
  });

  it('writes to another folder when told, leaving the app without a dist/', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-api-'));
    await mkdir(join(dir, 'app', 'src'), { recursive: true });
    await writeFile(join(dir, 'app', 'src', 'server.ts'), "console.log('elsewhere');\n");

    const { outDir } = await bundleApi({
      appDir: join(dir, 'app'),
      outDir: join(dir, 'out'),
      log: () => {},
    });

    expect(outDir).toBe(join(dir, 'out'));
    expect(await readFile(join(dir, 'out', 'server.mjs'), 'utf8')).toContain('elsewhere');
    await expect(readFile(join(dir, 'app', 'dist', 'server.mjs'), 'utf8')).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('refuses a folder without src/server.ts', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-api-'));
    await expect(bundleApi({ appDir: dir, log: () => {} })).rejects.toThrow(/no src\/server\.ts/);
  });
});
