import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** What a loader reads: process.env, or a plain object in tests. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The real environment. The one place outside a loader's body that names process.env. */
export function processEnv(): EnvSource {
  return process.env;
}

/**
 * The app folder's `.env` then `.env.local`, under the real environment: a variable set in the
 * shell wins over `.env.local`, which wins over `.env`. Files that do not exist are skipped.
 */
export function withEnvFiles(dir: string, source: EnvSource = processEnv()): EnvSource {
  const fromFiles: Record<string, string> = {};
  for (const file of ['.env', '.env.local']) {
    // Never reached in the Next.js bundle (Next loads env files itself); keeps its tracer from
    // copying the whole workspace into the standalone output.
    const path = join(/*turbopackIgnore: true*/ dir, file);
    if (existsSync(path)) Object.assign(fromFiles, parseEnv(readFileSync(path, 'utf8')));
  }
  const merged: Record<string, string | undefined> = { ...fromFiles };
  for (const [key, value] of Object.entries(source)) if (value !== undefined) merged[key] = value;
  return merged;
}

/** Treats empty strings as unset: `FOO=` in a .env file means "not configured". */
export function read(source: EnvSource, name: string): string | undefined {
  const value = source[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
