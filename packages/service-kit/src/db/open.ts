import type { Database } from './database';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface OpenDatabaseOptions {
  /** From the env loader: set → PostgreSQL, unset → PGlite. */
  readonly databaseUrl: string | undefined;
  /** PGlite folder (dev: `devDataDir(serviceName)`); omitted → in memory. */
  readonly pgliteDir?: string;
  readonly statementTimeoutMs?: number;
  readonly poolMax?: number;
  readonly searchPath?: string;
}

/** The service's database: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres({
      url: options.databaseUrl,
      statementTimeoutMs: options.statementTimeoutMs,
      poolMax: options.poolMax,
      searchPath: options.searchPath,
    });
  }
  return openPglite(options.pgliteDir);
}
