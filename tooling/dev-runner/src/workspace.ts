import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  /** The workspace packages it depends on at run time (`dependencies`, `workspace:` ones). */
  readonly workspaceDeps: readonly string[];
}

/** The packages of the workspace's role folders (pnpm-workspace.yaml lists `<folder>/*`). */
export function readWorkspace(root: string): WorkspacePackage[] {
  const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+['"]?([\w.-]+)\/\*['"]?/.exec(line)?.[1])
    .filter((folder): folder is string => folder !== undefined);
  const found: WorkspacePackage[] = [];
  for (const folder of globs) {
    const parent = join(root, folder);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent)) {
      const manifest = join(parent, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      found.push({
        name: pkg.name,
        dir: join(parent, entry),
        workspaceDeps: Object.entries(pkg.dependencies ?? {})
          .filter(([, range]) => range.startsWith('workspace:'))
          .map(([name]) => name),
      });
    }
  }
  return found;
}

/**
 * The source folders whose changes restart a service: its own `src` and that of every workspace
 * package it depends on, transitively; what `tsx watch` saw through the imports (a change in
 * service-kit restarts every API).
 */
export function sourceDirsOf(dir: string, packages: readonly WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const start = packages.find((p) => p.dir === dir);
  const seen = new Set<string>();
  const stack = start ? [start] : [];
  while (stack.length) {
    const pkg = stack.pop()!;
    if (seen.has(pkg.dir)) continue;
    seen.add(pkg.dir);
    for (const dep of pkg.workspaceDeps) {
      const next = byName.get(dep);
      if (next) stack.push(next);
    }
  }
  if (!start) seen.add(dir);
  return [...seen].map((d) => join(d, 'src')).sort();
}
