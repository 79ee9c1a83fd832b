import type { ApiEnv } from '@repo/auth-config';
import { createService, type Logger, type TokenVerifier } from '@repo/service-kit';
import type { Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import { createProfileStore, type ProfileStore } from './profiles/store';
import { meRoutes } from './routes/me';
import { profilesRoutes } from './routes/profiles';

export interface ProfileApiDeps {
  /** Opened (and migrated) by the caller: server.ts, or a test. */
  readonly db: Database;
  readonly logger?: Logger;
  /** Defaults to a store over `db`; tests may wrap it (e.g. to count calls). */
  readonly profiles?: ProfileStore;
  readonly verifyToken?: TokenVerifier;
}

/** The Profile API as an Express app. No I/O here: the caller owns the database and the port. */
export function buildApp(config: ApiEnv<'profile'>, deps: ProfileApiDeps): Express {
  const store = deps.profiles ?? createProfileStore(deps.db.orm);
  return createService({
    config,
    db: deps.db,
    logger: deps.logger,
    verifyToken: deps.verifyToken,
    routes: (router) => {
      meRoutes(store)(router);
      profilesRoutes(store)(router);
    },
  });
}
