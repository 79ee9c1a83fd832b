/**
 * One app's image recipe: the commands its Dockerfile runs, stage by stage. The Dockerfile
 * generator renders it and the prune-build test runs it, so the two cannot drift apart.
 * Paths are relative to the pruned workspace (the builder's WORKDIR) or to the image's WORKDIR.
 */
import type { DeployableApp } from './apps';

/** The bundler lives in this package; an API's pruned workspace includes it to run it. */
export const deployToolsPackage = '@repo/deploy-tools';
export const bundleApiScript = 'tooling/deploy-tools/bin/bundle-api.mjs';

export interface Recipe {
  /** `turbo prune <targets...> --docker`. */
  readonly pruneTargets: readonly string[];
  /** Run in the pruned workspace after the frozen install, in order. */
  readonly build: readonly (readonly string[])[];
  /** APIs: `pnpm deploy` of the app's production dependencies into this folder (+ its dist/). */
  readonly deploy?: (outDir: string) => readonly string[];
  /** The image's commands, in its WORKDIR; the last one is the long-running server. */
  readonly run: readonly (readonly string[])[];
}

/** Only the app and what it depends on: turbo's `...` suffix. */
const buildGraph = (app: DeployableApp) => [
  'pnpm',
  'exec',
  'turbo',
  'run',
  'build',
  `--filter=${app.packageName}...`,
];

export function recipeFor(app: DeployableApp): Recipe {
  if (app.kind === 'web') {
    return {
      pruneTargets: [app.packageName],
      build: [buildGraph(app)],
      // output: 'standalone' with outputFileTracingRoot at the repo root keeps the folder layout.
      run: [['node', `${app.dir}/server.js`]],
    };
  }
  const node = ['node', '--enable-source-maps'];
  return {
    pruneTargets: [app.packageName, deployToolsPackage],
    // The graph's own build steps (if any), then the bundle: @repo/* TypeScript inlined.
    build: [buildGraph(app), ['node', bundleApiScript, app.dir]],
    deploy: (outDir) => [
      'pnpm',
      '--filter',
      app.packageName,
      'deploy',
      '--prod',
      // From the pruned lockfile, without making every workspace install "injected".
      '--config.inject-workspace-packages=true',
      // Flat node_modules: the bundle's external imports resolve from dist/ upwards.
      '--config.node-linker=hoisted',
      outDir,
    ],
    // Every API has src/migrate.ts (service-kit's SQL migrations). They run explicitly, before
    // start: the server does not migrate in production. The server's OpenTelemetry entry is
    // loaded with --import, before any module of the server (docs/observability.md).
    run: [
      [...node, 'dist/migrate.mjs'],
      [...node, '--import', './dist/instrumentation.mjs', 'dist/server.mjs'],
    ],
  };
}
