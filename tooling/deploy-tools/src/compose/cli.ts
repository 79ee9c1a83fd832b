/**
 * `pnpm --filter @repo/deploy-tools gen:compose [--check]`: infra/compose/ (compose.yaml, db-init,
 * env examples) and infra/observability/otel-collector.yaml from the registry.
 */
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '@repo/auth-config';
import { generateCommand } from '../generated-files';
import { loadBaseImages } from '../stack/base-images';
import { currentRegistry } from '../stack/registry';
import { composeFiles } from './files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
process.exitCode = await generateCommand(
  'gen:compose',
  repoRoot,
  await composeFiles(repoRoot, currentRegistry(), loadBaseImages(repoRoot)),
  process.argv.slice(2),
);
