import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoFiles, type RepoFiles } from '../../src/files';

const made: string[] = [];

/** A folder laid out like the repo, holding exactly `files` (path → text), read as the CLI reads. */
export function tempRepo(files: Record<string, string>): RepoFiles {
  const root = mkdtempSync(join(tmpdir(), 'doctor-repo-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return repoFiles(root);
}

export function removeTempRepos(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
