import {
  devDataDir,
  loadApiEnv,
  waitForIssuer as waitForIssuerKeys,
  withEnvFiles,
  type ApiEnv,
  type ApiName,
} from '@repo/auth-config';
import { migrate, openDatabase, type Database } from './db';
import { createLogger, type Logger } from './logger';

/** What an API's entry points (server.ts, migrate.ts) start from. */
export interface ApiRuntime<N extends ApiName> {
  readonly config: ApiEnv<N>;
  readonly logger: Logger;
  readonly db: Database;
}

/** The API's validated env: the shell's variables over the app folder's `.env.local` over `.env`. */
export function loadServiceConfig<N extends ApiName>(name: N, appDir: string): ApiEnv<N> {
  return loadApiEnv(name, { source: withEnvFiles(appDir) });
}

/**
 * The env, a logger, and the database: PostgreSQL when DATABASE_URL is set, else PGlite in
 * DATA_DIR or `.data/<service>/` at the repo root. Migrations are the caller's decision.
 */
export async function bootApi<N extends ApiName>(name: N, appDir: string): Promise<ApiRuntime<N>> {
  const config = loadServiceConfig(name, appDir);
  const logger = createLogger({ serviceName: config.serviceName, level: config.logLevel });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: pgliteDirFor(config),
  });
  return { config, logger, db };
}

/**
 * PGlite's folder, only when PGlite is used: with DATABASE_URL there is none to look up, and the
 * dev default (`.data/` at the workspace root) does not exist where an image or a bundle runs
 * outside the workspace (looking it up there failed the boot).
 */
export function pgliteDirFor(
  config: {
    readonly databaseUrl?: string | undefined;
    readonly dataDir?: string | undefined;
    readonly serviceName: string;
  },
  devDir: (serviceName: string) => string = devDataDir,
): string | undefined {
  if (config.databaseUrl) return undefined;
  return config.dataDir ?? devDir(config.serviceName);
}

/** Applies pending migrations and logs what it did: `pnpm migrate`, and `pnpm dev` on start. */
export async function applyMigrations(
  db: Database,
  logger: Logger,
  migrationsDir: string,
): Promise<string[]> {
  const applied = await migrate(db, migrationsDir);
  logger.info(
    { database: db.location, applied },
    applied.length ? 'migrations applied' : 'database up to date',
  );
  return applied;
}

/** `pnpm dev` runs this before the server: an API is useless until the issuer's JWKS answers. */
export async function waitForIssuer(config: ApiEnv<ApiName>): Promise<void> {
  await waitForIssuerKeys(config.auth0, { app: config.serviceName });
}
