/**
 * Acceptance for the Dockerfiles, without a Docker engine: for each deployable app, the same
 * steps as its Dockerfile (prune, frozen install from out/json, build from out/full, assemble the
 * runner stage), then the built output started with NODE_ENV=production and USE_LOCAL_IDP=true
 * against a running local IdP must answer 200 on /healthz. The APIs run on PostgreSQL
 * (DATABASE_URL, a schema of their own), as in production: the images carry no PGlite. What each
 * image would ship in node_modules must hold no test-only package.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiEnvPrefix,
  apiNames,
  findWorkspaceRoot,
  loadToolEnv,
  services,
} from '@repo/auth-config';
import pg from 'pg';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { presentApps, type DeployableApp } from '../src/prune-build/apps';
import { machineEnv } from '../src/prune-build/child.env';
import { freePort } from '@repo/test-harness/free-port';
import { pruneBuildAssemble } from '../src/prune-build/pipeline';
import { run } from '../src/prune-build/run';
import { apiReadyFrom, nextReadyFrom, startProcess } from '../src/prune-build/start';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const { databaseUrl } = loadToolEnv();
if (!databaseUrl) {
  throw new Error(
    'test:deploy runs the API images on PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/db (a role that may create schemas).',
  );
}

/** Dev and test packages: none may reach an image's node_modules. */
const testOnlyPackages = [
  '@repo/api-testing',
  '@repo/test-harness',
  '@repo/local-idp',
  '@repo/eslint-config',
  '@repo/typescript-config',
  '@electric-sql/pglite',
  'express-oauth2-jwt-bearer',
  'supertest',
  'vitest',
  'tsx',
  'oidc-provider',
  'playwright-core',
  '@playwright/test',
];

/** The packages under an image's node_modules (scoped ones as @scope/name). */
async function installedPackages(nodeModules: string): Promise<string[]> {
  if (!existsSync(nodeModules)) return [];
  const names: string[] = [];
  for (const entry of await readdir(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@'))
      names.push(...(await readdir(join(nodeModules, entry))).map((n) => `${entry}/${n}`));
    else names.push(entry);
  }
  return names;
}

/** A schema of its own on the test server, reached through DATABASE_URL's search_path. */
async function withSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `prune_build_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
}
const apps = presentApps(repoRoot);
const log = (line: string) => console.log(line);

let idp: LocalIdp;
beforeAll(async () => {
  idp = await startLocalIdp({ port: 0 });
});
afterAll(async () => {
  await idp?.stop();
});

/** What the image's environment would hold; the local IdP instead of a tenant. */
async function runtimeEnv(
  app: DeployableApp,
  databaseUrl: string,
): Promise<{ env: Record<string, string>; origin?: string }> {
  const common = {
    ...machineEnv(),
    NODE_ENV: 'production',
    USE_LOCAL_IDP: 'true',
    AUTH0_DOMAIN: idp.domain,
  };
  // Where the web app (and an API that calls others) finds each API; nothing is called here.
  const apiUrls = Object.fromEntries(
    apiNames.map((name) => [`${apiEnvPrefix(name)}_API_URL`, `http://127.0.0.1:1`]),
  );
  if (app.kind === 'api') {
    return {
      env: {
        ...common,
        ...apiUrls,
        PORT: '0',
        HOST: '127.0.0.1',
        CORS_ALLOWED_ORIGINS: `http://localhost:${services.web.port}`,
        DATABASE_URL: databaseUrl,
      },
    };
  }
  const port = await freePort();
  return {
    origin: `http://127.0.0.1:${port}`,
    env: {
      ...common,
      ...apiUrls,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      APP_BASE_URL: `http://localhost:${port}`,
    },
  };
}

/** A file under .next/static, as its URL path below /_next/static/ (e.g. chunks/abc.js). */
async function firstStaticAsset(staticDir: string): Promise<string> {
  const entries = await readdir(staticDir, { recursive: true, withFileTypes: true });
  const file = entries.find((entry) => entry.isFile() && entry.name.endsWith('.js'));
  if (!file) throw new Error(`no .js file under ${staticDir}`);
  return join(file.parentPath, file.name).slice(staticDir.length + 1);
}

describe('prune-build: each deployable app builds from its pruned workspace and starts', () => {
  it('covers at least the profile API', () => {
    expect(apps.map((a) => a.name)).toContain('profile-api');
  });

  for (const app of apps) {
    it(`${app.name}: prune, install, build, start in production, GET /healthz -> 200${app.kind === 'web' ? ', static files served' : ''}`, async () => {
      const workDir = await mkdtemp(join(tmpdir(), `prune-build-${app.name}-`));
      const schema = await withSchema(databaseUrl);
      const started = Date.now();
      try {
        const assembled = await pruneBuildAssemble(app, {
          repoRoot,
          workDir,
          env: machineEnv(),
          log,
        });
        const shipped = await installedPackages(join(assembled.runDir, 'node_modules'));
        log(`[${app.name}] image node_modules: ${shipped.length} packages`);
        expect(
          shipped.filter((name) => testOnlyPackages.includes(name)),
          'test-only packages in the image',
        ).toEqual([]);
        const { env, origin } = await runtimeEnv(app, schema.url);
        const commands = [...assembled.commands];
        const server = commands.pop()!;
        // Migrations run explicitly, before start, as the image's CMD does.
        for (const [cmd, ...args] of commands) {
          const migrated = await run(cmd!, args, {
            cwd: assembled.runDir,
            env,
            timeoutMs: 120_000,
          });
          log(`[${app.name}] ${args.join(' ')}: ${migrated.ms} ms`);
        }
        const readyFrom = app.kind === 'api' ? apiReadyFrom : nextReadyFrom(origin!);
        const startedAt = Date.now();
        const proc = await startProcess(server[0]!, server.slice(1), {
          cwd: assembled.runDir,
          env,
          readyFrom,
          timeoutMs: 120_000,
        });
        try {
          log(`[${app.name}] start: ${Date.now() - startedAt} ms`);
          const res = await fetch(`${proc.url}/healthz`);
          expect(res.status, proc.output()).toBe(200);
          if (app.kind === 'web') {
            // The static files were copied beside the standalone server: one of them is served.
            const asset = await firstStaticAsset(
              join(assembled.runDir, app.dir, '.next', 'static'),
            );
            const served = await fetch(`${proc.url}/_next/static/${asset}`);
            expect(served.status, `/_next/static/${asset}`).toBe(200);
            await served.body?.cancel();
          }
        } finally {
          await proc.stop();
        }
        log(`[${app.name}] total: ${Date.now() - started} ms ${JSON.stringify(assembled.timings)}`);
      } finally {
        await rm(workDir, { recursive: true, force: true });
        await schema.drop();
      }
    });
  }
});
