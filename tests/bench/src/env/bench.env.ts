import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { loadToolEnv } from '@repo/auth-config';

export interface BenchEnv {
  /** Debian's Chromium for the dashboard cases (CHROMIUM_PATH). */
  readonly chromiumPath: string;
  /**
   * The machine's own `node`: the first one on PATH outside node_modules. Inside a pnpm script,
   * bench/node_modules/.bin comes first and holds the node@24 package's `node`, which must not be
   * mistaken for the machine's.
   */
  readonly machineNode: string;
  /** BENCH_NODE22: a Node 22 binary for case (h); unset, the bench installs npm's node@22. */
  readonly node22: string | undefined;
  /** Where that install goes: $XDG_CACHE_HOME (or ~/.cache) /bench-node22, as .ci/run does for 24. */
  readonly cacheDir: string;
  /** DATABASE_URL: PostgreSQL for orders-api in production mode in (h); unset, PGlite outside production. */
  readonly databaseUrl: string | undefined;
  /** PATH without node_modules folders: what servers the bench starts get. */
  readonly path: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one place the bench reads the environment. It also sets PATH for the E2E stack it
 * starts (whose children inherit this process's PATH), so that the stack runs on the machine's
 * Node, not on the node@24 package's shim.
 */
export function loadBenchEnv(): BenchEnv {
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const outside = path.filter((dir) => !dir.split(sep).includes('node_modules'));
  const machineNode = outside.map((dir) => join(dir, 'node')).find(isExecutable);
  if (!machineNode)
    throw new Error(
      'No `node` on PATH outside node_modules: cannot tell which Node is the machine’s.',
    );
  process.env.PATH = outside.join(delimiter);
  const home = process.env.HOME ?? tmpdir();
  return Object.freeze({
    chromiumPath: loadToolEnv().chromiumPath,
    machineNode,
    node22: process.env.BENCH_NODE22 || undefined,
    cacheDir: process.env.XDG_CACHE_HOME || join(home, '.cache'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    path: process.env.PATH,
  });
}
