/**
 * `pnpm --filter @repo/deploy-tools k8s:release --environment <env> --images <file.json>`
 * writes infra/k8s/releases/<env>/ (the overlay with every image pinned by digest, and
 * migrations/ with one Job per API) and prints { namespace, jobs, deployments } as JSON for the
 * deploy workflow. The images file maps each app to `<repository>@sha256:<digest>`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@repo/auth-config';
import { currentRegistry } from '../stack/registry';
import { loadClusterEnvironments } from './environments';
import { k8sDir } from './files';
import { release } from './release';

const { values } = parseArgs({
  options: { environment: { type: 'string' }, images: { type: 'string' } },
});
if (!values.environment || !values.images)
  throw new Error('usage: k8s:release --environment <staging|production> --images <images.json>');
const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const env = loadClusterEnvironments(repoRoot).find((e) => e.name === values.environment);
if (!env) throw new Error(`${values.environment}: not in infra/k8s/environments.json`);
const releaseDir = `${k8sDir}/releases/${env.name}`;
const images = JSON.parse(readFileSync(values.images, 'utf8')) as Record<string, string>;
const result = release(currentRegistry(), env, images, releaseDir);
for (const file of result.files) {
  const path = join(repoRoot, releaseDir, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
}
console.log(
  JSON.stringify({
    dir: releaseDir,
    namespace: result.namespace,
    jobs: result.jobs,
    deployments: result.deployments,
  }),
);
