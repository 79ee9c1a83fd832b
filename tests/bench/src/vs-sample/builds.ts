import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { bundleApi } from '@repo/deploy-tools/bundle-api';
import { deployableApps } from '@repo/deploy-tools/apps';
import { recipeFor } from '@repo/deploy-tools/recipe';
import { apis } from '@repo/auth-config';
import { build } from 'esbuild';

const benchDir = join(import.meta.dirname, '..', '..');
const repoRoot = join(benchDir, '..', '..');

/** A server to start: its folder and the Node arguments after `node`. */
export interface ServerBuild {
  readonly cwd: string;
  readonly args: readonly string[];
}

/**
 * orders-api as its image runs it: bundled by the same `bundle-api` the Dockerfile runs, started
 * with the recipe's server command (`--enable-source-maps --import ./dist/instrumentation.mjs
 * dist/server.mjs`: the OpenTelemetry entry as configured by default). Under tsx instead, the
 * transpiled workspace TypeScript cost about a fifth more CPU per request (tests/bench/README.md),
 * which is not what a deployment pays.
 *
 * The bundle goes to `into`, never to the app's own dist/. The image resolves the bundle's npm
 * imports from a flat `pnpm deploy` install; here the workspace's hoisted store
 * (node_modules/.pnpm/node_modules, every installed package by name) stands in for it.
 */
export async function buildOrdersApi(into: string): Promise<ServerBuild> {
  const name = apis.orders.serviceName;
  const app = deployableApps().find((candidate) => candidate.name === name);
  if (!app) throw new Error(`${name} is not among the deployable apps`);
  const cwd = join(into, name);
  await bundleApi({ appDir: join(repoRoot, app.dir), outDir: join(cwd, 'dist'), log: () => {} });
  symlinkSync(join(repoRoot, 'node_modules', '.pnpm', 'node_modules'), join(cwd, 'node_modules'));
  const server = recipeFor(app).run.at(-1);
  if (server?.[0] !== 'node')
    throw new Error(`${name}: the recipe's last step is not a node command`);
  return { cwd, args: server.slice(1) };
}

/**
 * The bench's own peers (the sample, bare Express) compiled to plain JavaScript the same way,
 * so that no server of case (h) runs under tsx: the comparison is between the servers, not
 * between loaders. Their npm imports resolve from the bench's own node_modules.
 */
export async function buildPeers(
  into: string,
  files: readonly string[],
): Promise<(file: string) => ServerBuild> {
  const cwd = join(into, 'peers');
  mkdirSync(cwd, { recursive: true });
  await build({
    entryPoints: files.map((file) => join(benchDir, 'src', 'vs-sample', file)),
    outdir: cwd,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22.13',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    logLevel: 'warning',
  });
  symlinkSync(join(benchDir, 'node_modules'), join(cwd, 'node_modules'));
  return (file) => ({ cwd, args: [file.replace(/\.ts$/, '.mjs')] });
}

/** Every server of case (h), built into `into` (a scratch folder the caller removes). */
export async function buildVsSampleServers(
  into: string,
): Promise<{ orders: ServerBuild; peer: (file: string) => ServerBuild }> {
  const [orders, peer] = await Promise.all([
    buildOrdersApi(into),
    buildPeers(into, ['sample-server.ts', 'bare-server.ts']),
  ]);
  return { orders, peer };
}
