import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** The folder says the role (docs/architecture.md, "Layout by role"). */
export type Role = 'app' | 'package' | 'tooling' | 'test';

const roleOfFolder: Record<string, Role> = {
  apps: 'app',
  packages: 'package',
  tooling: 'tooling',
  tests: 'test',
};

export interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

export interface SourceImport {
  /** Relative to the package folder, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

export interface WorkspacePackage {
  readonly name: string;
  /** From the repo root, e.g. `apps/orders-api`. */
  readonly dir: string;
  readonly role: Role;
  readonly manifest: Manifest;
  readonly imports: readonly SourceImport[];
}

const sourceFile = /\.(m?[jt]sx?|cjs|hbs)$/;
const skipped = new Set([
  'node_modules',
  'dist',
  '.next',
  '.turbo',
  'test-results',
  'playwright-report',
  'coverage',
]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return sourceFile.test(entry.name) ? [path] : [];
  });
}

/**
 * Every module a source text imports (`import`, `export … from`, `import()`, `require()`), with
 * its line. TypeScript's own pre-processor reads them, so a specifier inside a string or a
 * comment is not mistaken for one.
 */
export function importsIn(text: string, file: string): SourceImport[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName, pos }) => ({
    file,
    line: text.slice(0, pos).split('\n').length,
    specifier: fileName,
  }));
}

/** The workspace as the layering rules see it: every package, its manifest and its imports. */
export function readWorkspace(root: string): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const [folder, role] of Object.entries(roleOfFolder)) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const dir = join(base, entry.name);
      const manifestFile = join(dir, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
      const imports = filesUnder(dir).flatMap((file) =>
        importsIn(readFileSync(file, 'utf8'), relative(dir, file).split(sep).join('/')),
      );
      packages.push({
        name: manifest.name,
        dir: relative(root, dir).split(sep).join('/'),
        role,
        manifest,
        imports,
      });
    }
  }
  return packages;
}
