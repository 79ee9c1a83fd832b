import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../src/generated-files';

export function writeUnder(root: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
}

/** A scratch repo root holding only these files. */
export function writeScratch(prefix: string, files: readonly GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeUnder(root, files);
  return root;
}
