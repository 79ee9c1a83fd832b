import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The workspace root: the nearest folder above `from` that holds pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  // Dev-only path lookup; the ignore comment keeps Next.js's tracer from copying the workspace.
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(/*turbopackIgnore: true*/ dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

/**
 * Where a service keeps what it writes in dev: `.data/<service>/` at the repo root
 * (gitignored), so that `rm -rf .data` resets every service at once.
 */
export function devDataDir(serviceName: string, from?: string): string {
  return join(/*turbopackIgnore: true*/ findWorkspaceRoot(from), '.data', serviceName);
}
