/**
 * Renders an app's Dockerfile from its recipe (src/prune-build/recipe.ts), which the prune-build
 * test also runs. Build from the repo root: `docker build -f apps/<app>/Dockerfile .`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployableApp } from '../prune-build/apps';
import { recipeFor, type Recipe } from '../prune-build/recipe';
import { loadBaseImages } from '../stack/base-images';

/**
 * The image's Node major is the repo's (.nvmrc), its reference the one infra/base-images.json
 * holds (a tag, or a tag and the digest Renovate read); the turbo that prunes is the repo's own.
 */
export function toolVersions(repoRoot: string): { node: string; nodeImage: string; turbo: string } {
  const node = readFileSync(join(repoRoot, '.nvmrc'), 'utf8').trim();
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const turbo = pkg.devDependencies?.turbo;
  if (!/^\d+$/.test(node)) throw new Error(`.nvmrc: expected a Node major version, got "${node}"`);
  if (!turbo || !/^\d+\.\d+\.\d+$/.test(turbo))
    throw new Error('package.json: devDependencies.turbo must be an exact version');
  const nodeImage = loadBaseImages(repoRoot).node;
  if (!nodeImage.startsWith(`node:${node}-`))
    throw new Error(`infra/base-images.json: node is ${nodeImage}, but .nvmrc says Node ${node}`);
  return { node, nodeImage, turbo };
}

/** A shell command line from an argument list; the recipes use no characters that need quoting. */
function shell(args: readonly string[]): string {
  for (const arg of args)
    if (!/^[\w@./=:+-]+$/.test(arg))
      throw new Error(`cannot render "${arg}" in a Dockerfile without quoting`);
  return args.join(' ');
}

/** `["a", "b"]`: exec form, so the process gets the container's signals directly. */
const execForm = (args: readonly string[]) => `[${args.map((a) => JSON.stringify(a)).join(', ')}]`;

const healthcheck = [
  '# No curl in the slim image: Node fetches /healthz itself.',
  'HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \\',
  `  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
];

export type ToolVersions = ReturnType<typeof toolVersions>;

/** Stages 1 and 2, the same for every app up to its build commands. */
function pruneAndBuild(
  app: DeployableApp,
  { nodeImage, turbo }: ToolVersions,
  recipe: Recipe,
  generatedBy: string,
): string[] {
  return [
    '# syntax=docker/dockerfile:1',
    generatedBy.trimEnd(),
    `# ${app.name}: build from the repo root with  docker build -f ${app.dir}/Dockerfile .`,
    '',
    `ARG NODE_IMAGE=${nodeImage}`,
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

/** What differs between an API's image and web's; the rest of stage 3 is the same for both. */
interface Runner {
  /** The builder's last steps after the recipe's build. */
  readonly afterBuild: readonly string[];
  /** Stage 3's opening comment. */
  readonly about: readonly string[];
  /** Added to `ENV NODE_ENV=production PORT=<port>`. */
  readonly env: string;
  readonly copy: readonly string[];
  /** The CMD line and the comments before it. */
  readonly cmd: readonly string[];
}

function apiRunner(app: DeployableApp, recipe: Recipe): Runner {
  const [migrate, server] = recipe.run as [readonly string[], readonly string[]];
  return {
    afterBuild: [
      '# Production dependencies only, as a flat node_modules, plus the bundle.',
      `RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store ${shell(recipe.deploy!('/prod/app'))} \\`,
      `  && rm -rf /prod/app/dist && cp -R ${app.dir}/dist /prod/app/dist`,
    ],
    about: [
      '# 3. The image: Node, the bundle and its npm dependencies; owned by root, run as "node".',
    ],
    env: '',
    copy: ['COPY --from=builder /prod/app ./'],
    cmd: [
      '# Migrations run explicitly before start (the server does not migrate in production);',
      `# to run them as a separate release step:  docker run --rm <image> ${shell(migrate)}`,
      `CMD ${execForm(['sh', '-c', `${shell(migrate)} && exec ${shell(server)}`])}`,
    ],
  };
}

function webRunner(app: DeployableApp, recipe: Recipe): Runner {
  const built = `/repo/${app.dir}`;
  return {
    afterBuild: [`RUN mkdir -p ${app.dir}/public`],
    about: [
      "# 3. The image: Next's standalone server (output: 'standalone', traced from the repo root),",
      '#    plus the static files and public/, which Next leaves out of it.',
    ],
    env: ' HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1',
    copy: [
      `COPY --from=builder --chown=node:node ${built}/.next/standalone ./`,
      `COPY --from=builder --chown=node:node ${built}/.next/static ./${app.dir}/.next/static`,
      `COPY --from=builder --chown=node:node ${built}/public ./${app.dir}/public`,
    ],
    cmd: [`CMD ${execForm(recipe.run[0]!)}`],
  };
}

/** An app's whole Dockerfile. */
export function dockerfile(
  app: DeployableApp,
  versions: ToolVersions,
  generatedBy: string,
): string {
  const recipe = recipeFor(app);
  const runner = app.kind === 'api' ? apiRunner(app, recipe) : webRunner(app, recipe);
  return [
    ...pruneAndBuild(app, versions, recipe, generatedBy),
    ...runner.afterBuild,
    '',
    ...runner.about,
    'FROM ${NODE_IMAGE} AS runner',
    `ENV NODE_ENV=production PORT=${app.port}${runner.env}`,
    'WORKDIR /app',
    ...runner.copy,
    'USER node',
    `EXPOSE ${app.port}`,
    ...healthcheck,
    ...runner.cmd,
    '',
  ].join('\n');
}
