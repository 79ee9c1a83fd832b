import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repo's files as the checks see them: paths are relative to the workspace root and use `/`.
 * Injected, so that a test can point the checks at a temporary folder.
 */
export interface RepoFiles {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The names in a folder (files and folders), or [] when there is no such folder. */
  list(dir: string): readonly string[];
}

/** The real files under `root`. */
export function repoFiles(root: string): RepoFiles {
  return {
    read: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    list: (dir) => {
      try {
        return readdirSync(join(root, dir));
      } catch {
        return [];
      }
    },
  };
}
