// `pnpm --filter @repo/auth-config gen:env-examples`: (re)writes every app's .env.example from
// the registry. The generator runs it after adding a service.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from './data-dir';
import { envExamples } from './env-example';

const root = findWorkspaceRoot(import.meta.dirname);
for (const example of envExamples()) {
  const file = join(root, example.path);
  if (!existsSync(dirname(file))) {
    console.warn(`skipped ${example.path}: no such app folder`);
    continue;
  }
  writeFileSync(file, example.content);
  console.info(`wrote ${example.path}`);
}
