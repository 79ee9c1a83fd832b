/**
 * The Dockerfiles are generated from the registry and the recipe the prune-build test runs
 * (src/prune-build/recipe.ts); these tests fail when one is stale and pin what every image must do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot, services } from '@repo/auth-config';
import { dockerFiles } from '../src/docker/files';
import { staleFiles } from '../src/generated-files';
import { deployableApps } from '../src/prune-build/apps';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const nodeMajor = read('.nvmrc').trim();

describe('Dockerfiles', () => {
  it('exist for web and every API, never for the local IdP, and are up to date (else: pnpm --filter @repo/deploy-tools gen:dockerfiles)', () => {
    const files = dockerFiles(repoRoot);
    expect(files.map((f) => f.path)).toContain(`apps/${services.web.serviceName}/Dockerfile`);
    expect(files.map((f) => f.path).join()).not.toContain(services['local-idp'].serviceName);
    expect(staleFiles(repoRoot, files)).toEqual([]);
  });

  describe.each(deployableApps().map((app) => [app.name, app] as const))('%s', (_name, app) => {
    const text = read(`${app.dir}/Dockerfile`);
    const lines = text.split('\n');
    const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

    it('prunes to its graph, installs from the pruned lockfile, then builds only that graph', () => {
      expect(text).toMatch(new RegExp(`turbo@[\\d.]+ prune ${app.packageName}\\b.* --docker`));
      expect(index(/COPY --from=pruner \/repo\/out\/json\//)).toBeLessThan(
        index(/pnpm install --frozen-lockfile/),
      );
      expect(index(/pnpm install --frozen-lockfile/)).toBeLessThan(
        index(/COPY --from=pruner \/repo\/out\/full\//),
      );
      expect(text).toContain(`turbo run build --filter=${app.packageName}...`);
    });

    it(`runs on Node ${nodeMajor} as the non-root "node" user, with a HEALTHCHECK on /healthz`, () => {
      expect(text).toContain(`ARG NODE_IMAGE=node:${nodeMajor}-`);
      expect(lines.filter((l) => l.startsWith('USER '))).toEqual(['USER node']);
      expect(index(/^USER node$/)).toBeLessThan(index(/^CMD /));
      expect(text).toMatch(/HEALTHCHECK [^\n]*\\\n\s+CMD .*\/healthz/);
      expect(text).toContain(`EXPOSE ${app.port}`);
    });

    if (app.kind === 'api') {
      it('ships the bundle with production dependencies and migrates before it starts the server', () => {
        expect(text).toContain(`bundle-api.mjs ${app.dir}`);
        expect(text).toMatch(/deploy --prod/);
        expect(lines.at(index(/^CMD /))).toMatch(
          /dist\/migrate\.mjs && exec node .*dist\/server\.mjs/,
        );
      });

      it('loads the OpenTelemetry entry with --import before the server (an ESM bundle cannot preload it otherwise)', () => {
        expect(lines.at(index(/^CMD /))).toMatch(
          /exec node [^"]*--import \.\/dist\/instrumentation\.mjs dist\/server\.mjs/,
        );
      });
    } else {
      it('ships the standalone server with the static files and public/ copied beside it', () => {
        expect(text).toContain(`/.next/standalone ./`);
        expect(text).toContain(`/.next/static ./${app.dir}/.next/static`);
        expect(text).toContain(`/public ./${app.dir}/public`);
      });
    }
  });

  it('.dockerignore keeps installs, builds, local data and env files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of [
      '**/node_modules',
      '**/.next',
      '**/dist',
      '.data',
      '.git',
      '**/.env',
      '**/.env.*',
    ])
      expect(ignored).toContain(entry);
  });
});
