/** `pnpm --filter @repo/deploy-tools gen:dockerfiles [--check]`: apps/<app>/Dockerfile from the registry. */
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '@repo/auth-config';
import { generateCommand } from '../generated-files';
import { dockerFiles } from './files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
process.exitCode = await generateCommand(
  'gen:dockerfiles',
  repoRoot,
  dockerFiles(repoRoot),
  process.argv.slice(2),
);
