import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A folder that does not exist or holds nothing: a service that has never started. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Gives a new service its PGlite folder as a copy of a freshly initialised cluster, so that
 * `initdb` (seconds of CPU each) runs once, not once per API: on a fresh clone with ten APIs
 * that is most of the start. `createTemplate` initialises the template folder when it is missing.
 * Both copies go through a temporary folder and a rename, so an interrupted start leaves either
 * nothing or a whole folder. A folder that already holds data is never touched.
 */
export async function ensureDataDir(
  dataDir: string,
  templateDir: string,
  createTemplate: (dir: string) => Promise<void>,
): Promise<'kept' | 'created'> {
  if (!isEmptyDir(dataDir)) return 'kept';
  if (isEmptyDir(templateDir)) {
    const building = `${templateDir}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(dirname(templateDir), { recursive: true });
    await createTemplate(building);
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(building, templateDir);
  }
  const copying = `${dataDir}.copying-${process.pid}`;
  rmSync(copying, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });
  cpSync(templateDir, copying, { recursive: true });
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(copying, dataDir);
  return 'created';
}
