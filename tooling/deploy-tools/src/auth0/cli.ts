/**
 * `pnpm --filter @repo/deploy-tools gen:auth0 [--check]`: writes infra/auth0 (tenant.yaml, the
 * claims Action, one deploy-cli config per environment) from the registry.
 */
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '@repo/auth-config';
import { generateCommand } from '../generated-files';
import { auth0Files } from './files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
process.exitCode = await generateCommand(
  'gen:auth0',
  repoRoot,
  await auth0Files(repoRoot),
  process.argv.slice(2),
);
