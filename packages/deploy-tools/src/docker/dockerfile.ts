/**
 * Renders an app's Dockerfile from its recipe (src/prune-build/recipe.ts), which the prune-build
 * test also runs. Build from the repo root: `docker build -f apps/<app>/Dockerfile .`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployableApp } from '../prune-build/apps';
import { recipeFor, type Recipe } from '../prune-build/recipe';

/** The image's Node major is the repo's (.nvmrc); the turbo that prunes is the repo's own. */
export function toolVersions(repoRoot: string): { node: string; turbo: string } {
  const node = readFileSync(join(repoRoot, '.nvmrc'), 'utf8').trim();
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const turbo = pkg.devDependencies?.turbo;
  if (!/^\d+$/.test(node)) throw new Error(`.nvmrc: expected a Node major version, got "${node}"`);
  if (!turbo || !/^\d+\.\d+\.\d+$/.test(turbo)) throw new Error('package.json: devDependencies.turbo must be an exact version');
  return { node, turbo };
}

/** A shell command line from an argument list; the recipes use no characters that need quoting. */
function shell(args: readonly string[]): string {
  for (const arg of args) if (!/^[\w@./=:+-]+$/.test(arg)) throw new Error(`cannot render "${arg}" in a Dockerfile without quoting`);
  return args.join(' ');
}

/** `["a", "b"]`: exec form, so the process gets the container's signals directly. */
const execForm = (args: readonly string[]) => `[${args.map((a) => JSON.stringify(a)).join(', ')}]`;

const healthcheck = [
  '# No curl in the slim image: Node fetches /healthz itself.',
  'HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \\',
  `  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
];

function header(app: DeployableApp, node: string, turbo: string, recipe: Recipe, generatedBy: string): string[] {
  return [
    '# syntax=docker/dockerfile:1',
    generatedBy.trimEnd(),
    `# ${app.name}: build from the repo root with  docker build -f ${app.dir}/Dockerfile .`,
    '',
    `ARG NODE_IMAGE=node:${node}-bookworm-slim`,
    '',
    'FROM ${NODE_IMAGE} AS base',
    '# pnpm comes from corepack, at the version package.json pins.',
    'ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH COREPACK_ENABLE_DOWNLOAD_PROMPT=0 TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1',
    'RUN corepack enable',
    'WORKDIR /repo',
    '',
    `# 1. Only ${app.name}'s workspace graph: out/json (manifests + pruned lockfile), out/full (sources).`,
    'FROM base AS pruner',
    'COPY . .',
    `RUN pnpm dlx turbo@${turbo} prune ${recipe.pruneTargets.join(' ')} --docker`,
    '',
    '# 2. Install from the pruned lockfile (a cached layer while no manifest changes), then build.',
    'FROM base AS builder',
    'COPY --from=pruner /repo/out/json/ .',
    'RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile',
    'COPY --from=pruner /repo/out/full/ .',
    ...recipe.build.map((command) => `RUN ${shell(command)}`),
  ];
}

export function apiDockerfile(app: DeployableApp, repoRoot: string, generatedBy: string): string {
  const { node, turbo } = toolVersions(repoRoot);
  const recipe = recipeFor(app);
  const [migrate, server] = recipe.run as [readonly string[], readonly string[]];
  return [
    ...header(app, node, turbo, recipe, generatedBy),
    '# Production dependencies only, as a flat node_modules, plus the bundle.',
    `RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store ${shell(recipe.deploy!('/prod/app'))} \\`,
    `  && rm -rf /prod/app/dist && cp -R ${app.dir}/dist /prod/app/dist`,
    '',
    '# 3. The image: Node, the bundle and its npm dependencies; owned by root, run as "node".',
    'FROM ${NODE_IMAGE} AS runner',
    `ENV NODE_ENV=production PORT=${app.port}`,
    'WORKDIR /app',
    'COPY --from=builder /prod/app ./',
    'USER node',
    `EXPOSE ${app.port}`,
    ...healthcheck,
    '# Migrations run explicitly before start (the server does not migrate in production);',
    `# to run them as a separate release step:  docker run --rm <image> ${shell(migrate)}`,
    `CMD ${execForm(['sh', '-c', `${shell(migrate)} && exec ${shell(server)}`])}`,
    '',
  ].join('\n');
}

export function webDockerfile(app: DeployableApp, repoRoot: string, generatedBy: string): string {
  const { node, turbo } = toolVersions(repoRoot);
  const recipe = recipeFor(app);
  const built = `/repo/${app.dir}`;
  return [
    ...header(app, node, turbo, recipe, generatedBy),
    `RUN mkdir -p ${app.dir}/public`,
    '',
    "# 3. The image: Next's standalone server (output: 'standalone', traced from the repo root),",
    '#    plus the static files and public/, which Next leaves out of it.',
    'FROM ${NODE_IMAGE} AS runner',
    `ENV NODE_ENV=production PORT=${app.port} HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1`,
    'WORKDIR /app',
    `COPY --from=builder --chown=node:node ${built}/.next/standalone ./`,
    `COPY --from=builder --chown=node:node ${built}/.next/static ./${app.dir}/.next/static`,
    `COPY --from=builder --chown=node:node ${built}/public ./${app.dir}/public`,
    'USER node',
    `EXPOSE ${app.port}`,
    ...healthcheck,
    `CMD ${execForm(recipe.run[0]!)}`,
    '',
  ].join('\n');
}
