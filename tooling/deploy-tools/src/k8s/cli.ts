/**
 * `pnpm --filter @repo/deploy-tools gen:k8s [--check]`: infra/k8s (kustomize base, one overlay per
 * environment of infra/k8s/environments.json, each overlay's rendered object list) from the registry.
 */
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '@repo/auth-config';
import { generateCommand } from '../generated-files';
import { currentRegistry } from '../stack/registry';
import { loadClusterEnvironments } from './environments';
import { k8sFiles } from './files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
process.exitCode = await generateCommand(
  'gen:k8s',
  repoRoot,
  await k8sFiles(repoRoot, currentRegistry(), loadClusterEnvironments(repoRoot)),
  process.argv.slice(2),
);
