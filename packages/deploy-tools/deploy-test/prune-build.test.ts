/**
 * Acceptance for the Dockerfiles, without a Docker engine: for each deployable app, the same
 * steps as its Dockerfile (prune, frozen install from out/json, build from out/full, assemble the
 * runner stage), then the built output started with NODE_ENV=production and USE_LOCAL_IDP=true
 * against a running local IdP must answer 200 on /healthz.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEnvPrefix, apiNames, findWorkspaceRoot, services } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { presentApps, type DeployableApp } from '../src/prune-build/apps';
import { machineEnv } from '../src/prune-build/child.env';
import { freePort } from '../src/prune-build/free-port';
import { pruneBuildAssemble } from '../src/prune-build/pipeline';
import { run } from '../src/prune-build/run';
import { apiReadyFrom, nextReadyFrom, startProcess } from '../src/prune-build/start';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
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
async function runtimeEnv(app: DeployableApp, workDir: string): Promise<{ env: Record<string, string>; origin?: string }> {
  const common = { ...machineEnv(), NODE_ENV: 'production', USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idp.domain };
  if (app.kind === 'api') {
    return {
      env: {
        ...common,
        PORT: '0',
        HOST: '127.0.0.1',
        CORS_ALLOWED_ORIGINS: `http://localhost:${services.web.port}`,
        // PGlite in the test's folder: the local profile allows it in production, a tenant does not.
        DATA_DIR: join(workDir, 'data'),
      },
    };
  }
  const port = await freePort();
  const apiUrls = Object.fromEntries(apiNames.map((name) => [`${apiEnvPrefix(name)}_API_URL`, `http://127.0.0.1:1`]));
  return {
    origin: `http://127.0.0.1:${port}`,
    env: { ...common, ...apiUrls, PORT: String(port), HOSTNAME: '127.0.0.1', APP_BASE_URL: `http://localhost:${port}` },
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
      const started = Date.now();
      try {
        const assembled = await pruneBuildAssemble(app, { repoRoot, workDir, env: machineEnv(), log });
        const { env, origin } = await runtimeEnv(app, workDir);
        const commands = [...assembled.commands];
        const server = commands.pop()!;
        // Migrations run explicitly, before start, as the image's CMD does.
        for (const [cmd, ...args] of commands) {
          const migrated = await run(cmd!, args, { cwd: assembled.runDir, env, timeoutMs: 120_000 });
          log(`[${app.name}] ${args.join(' ')}: ${migrated.ms} ms`);
        }
        const readyFrom = app.kind === 'api' ? apiReadyFrom : nextReadyFrom(origin!);
        const startedAt = Date.now();
        const proc = await startProcess(server[0]!, server.slice(1), { cwd: assembled.runDir, env, readyFrom, timeoutMs: 120_000 });
        try {
          log(`[${app.name}] start: ${Date.now() - startedAt} ms`);
          const res = await fetch(`${proc.url}/healthz`);
          expect(res.status, proc.output()).toBe(200);
          if (app.kind === 'web') {
            // The static files were copied beside the standalone server: one of them is served.
            const asset = await firstStaticAsset(join(assembled.runDir, app.dir, '.next', 'static'));
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
      }
    });
  }
});
