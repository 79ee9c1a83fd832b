import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** A file written from the registry: its path from the repo root, and its whole content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** The first line(s) of every generated file, in that file's comment syntax. */
export function generatedHeader(command: string, comment = '#'): string {
  return `${comment} GENERATED from @repo/auth-config by \`${command}\`. Do not edit: change the registry and rerun.\n`;
}

/**
 * Formats a generated file as `pnpm format` would (the repo's .prettierrc), so that running the
 * formatter never makes a generated file stale. Files prettier has no parser for pass unchanged.
 */
export async function prettified(repoRoot: string, file: GeneratedFile): Promise<GeneratedFile> {
  const filepath = join(repoRoot, file.path);
  if (!/\.(ya?ml|json|[cm]?js|md)$/.test(file.path)) return file;
  const options = (await resolveConfig(filepath)) ?? {};
  return { path: file.path, content: await format(file.content, { ...options, filepath }) };
}

/** The generated files whose content on disk differs from what the registry gives now. */
export function staleFiles(repoRoot: string, files: readonly GeneratedFile[]): string[] {
  return files
    .filter((file) => {
      const path = join(repoRoot, file.path);
      return !existsSync(path) || readFileSync(path, 'utf8') !== file.content;
    })
    .map((file) => file.path);
}

export async function writeFiles(
  repoRoot: string,
  files: readonly GeneratedFile[],
): Promise<string[]> {
  const changed = staleFiles(repoRoot, files);
  for (const file of files.filter((f) => changed.includes(f.path))) {
    const path = join(repoRoot, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  return changed;
}

/**
 * The body of a `gen:*` command: writes the files, or with `--check` only reports stale ones
 * (exit code 1), which is what CI would run if it did not already have the freshness test.
 */
export async function generateCommand(
  name: string,
  repoRoot: string,
  files: readonly GeneratedFile[],
  argv: readonly string[],
): Promise<number> {
  if (argv.includes('--check')) {
    const stale = staleFiles(repoRoot, files);
    for (const path of stale)
      console.error(
        `${name}: ${path} is out of date; run pnpm --filter @repo/deploy-tools ${name}`,
      );
    return stale.length === 0 ? 0 : 1;
  }
  const changed = await writeFiles(repoRoot, files);
  console.log(
    `${name}: ${files.length} file(s), ${changed.length} changed${changed.length ? `: ${changed.join(', ')}` : ''}`,
  );
  return 0;
}
