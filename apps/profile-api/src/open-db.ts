import { devDataDir, type ApiEnv } from '@repo/auth-config';
import { openDatabase, type Database } from '@repo/service-kit/db';

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR or .data/profile-api/. */
export function openServiceDatabase(config: ApiEnv<'profile'>): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir ?? devDataDir(config.serviceName) });
}
