/**
 * The Dockerfiles' steps, without Docker: prune, install from the pruned lockfile, build only the
 * app's graph, assemble what the image's last stage would hold. Each step is one function so the
 * test reports which one failed and how long each took.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeployableApp } from './apps';
import { recipeFor, type Recipe } from './recipe';
import { run } from './run';

export interface PipelineContext {
  readonly repoRoot: string;
  /** A fresh temporary folder for this app. */
  readonly workDir: string;
  readonly env: Record<string, string>;
  readonly log: (line: string) => void;
}

export interface Assembled {
  /** What the image's WORKDIR would contain. */
  readonly runDir: string;
  /** The commands the image runs, in order; the last one is the long-running server. */
  readonly commands: readonly (readonly string[])[];
  readonly timings: Record<string, number>;
}

const minutes = (n: number) => n * 60_000;

export async function pruneBuildAssemble(
  app: DeployableApp,
  ctx: PipelineContext,
): Promise<Assembled> {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await fn();
    timings[name] = Date.now() - started;
    ctx.log(`[${app.name}] ${name}: ${timings[name]} ms`);
    return result;
  };
  const out = join(ctx.workDir, 'out');
  const repo = join(ctx.workDir, 'repo');
  const opts = (cwd: string, timeoutMs: number) => ({ cwd, env: ctx.env, timeoutMs });

  const recipe = recipeFor(app);

  // Dockerfile stage "pruner": turbo prune <app> --docker.
  await step('prune', () =>
    run(
      join(ctx.repoRoot, 'node_modules', '.bin', 'turbo'),
      ['prune', ...recipe.pruneTargets, '--docker', '--out-dir', out],
      opts(ctx.repoRoot, minutes(1)),
    ),
  );
  // Stage "builder": the manifests and the pruned lockfile first (Docker caches this layer)...
  await step('install', async () => {
    await mkdir(repo, { recursive: true });
    await cp(join(out, 'json'), repo, { recursive: true });
    await run('pnpm', ['install', '--frozen-lockfile'], opts(repo, minutes(5)));
  });
  // ...then the sources, and a build of this app's graph only.
  await step('build', async () => {
    await cp(join(out, 'full'), repo, { recursive: true });
    for (const [command, ...args] of recipe.build)
      await run(command!, args, opts(repo, minutes(10)));
  });
  return recipe.deploy
    ? assembleApi(app, recipe, repo, ctx, step, timings)
    : assembleWeb(app, recipe, repo, step, timings);
}

type Step = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** Stage "runner" of an API: `pnpm deploy --prod` (flat node_modules) plus the bundle. */
async function assembleApi(
  app: DeployableApp,
  recipe: Recipe,
  repo: string,
  ctx: PipelineContext,
  step: Step,
  timings: Record<string, number>,
): Promise<Assembled> {
  const image = join(ctx.workDir, 'image');
  await step('deploy', async () => {
    const [command, ...args] = recipe.deploy!(image);
    await run(command!, args, { cwd: repo, env: ctx.env, timeoutMs: minutes(5) });
    await rm(join(image, 'dist'), { recursive: true, force: true });
    await cp(join(repo, app.dir, 'dist'), join(image, 'dist'), { recursive: true });
  });
  return { runDir: image, commands: recipe.run, timings };
}

/** Stage "runner" of web: the standalone server with the static files copied beside it. */
async function assembleWeb(
  app: DeployableApp,
  recipe: Recipe,
  repo: string,
  step: Step,
  timings: Record<string, number>,
): Promise<Assembled> {
  const nextDir = join(repo, app.dir, '.next');
  const standalone = join(nextDir, 'standalone');
  await step('assemble', async () => {
    if (!existsSync(join(standalone, app.dir, 'server.js'))) {
      throw new Error(
        `${app.dir}: no .next/standalone/${app.dir}/server.js; next.config needs output: 'standalone' and outputFileTracingRoot at the repo root`,
      );
    }
    // Next leaves these out of the standalone folder on purpose (a CDN may serve them instead).
    await cp(join(nextDir, 'static'), join(standalone, app.dir, '.next', 'static'), {
      recursive: true,
    });
    const publicDir = join(repo, app.dir, 'public');
    if (existsSync(publicDir))
      await cp(publicDir, join(standalone, app.dir, 'public'), { recursive: true });
  });
  return { runDir: standalone, commands: recipe.run, timings };
}
