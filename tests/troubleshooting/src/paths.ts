import { join } from 'node:path';
import { findWorkspaceRoot } from '@repo/auth-config';

export const repoRoot = findWorkspaceRoot(import.meta.dirname);
/** Modules a scenario preloads into a process (NODE_OPTIONS=--import) to cause a fault. */
export const faultModule = (name: string) =>
  join(import.meta.dirname, '..', 'faults', `${name}.mjs`);
