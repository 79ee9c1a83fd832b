import { localIdpPort } from '../local-profile';
import { readPort, type FieldContext } from './fields';
import { ProblemList } from './problems';
import { decideProfile } from './profile';
import { processEnv, read, type EnvSource } from './source';

export interface LocalIdpEnv {
  readonly port: number;
  readonly production: boolean;
  /** USE_LOCAL_IDP=true: the one switch that lets the dev IdP start under NODE_ENV=production. */
  readonly allowProduction: boolean;
  /** Where keys, grants and refresh tokens persist; unset means the repo's .data/local-idp/. */
  readonly dataDir: string | undefined;
}

export function loadLocalIdpEnv(options: { source?: EnvSource } = {}): LocalIdpEnv {
  const source = options.source ?? processEnv();
  const decision = decideProfile(source);
  const problems = new ProblemList();
  const ctx: FieldContext = { source, problems, decision };
  const port = readPort(ctx, 'PORT', localIdpPort);
  problems.throwIfAny('local-idp');
  return Object.freeze({
    port,
    production: decision.production,
    allowProduction: decision.productionOverride,
    dataDir: read(source, 'LOCAL_IDP_DATA_DIR'),
  });
}

/** For tools (CHROMIUM_PATH, DATABASE_URL in test runners): the few variables tests may read. */
export interface ToolEnv {
  readonly chromiumPath: string;
  readonly databaseUrl: string | undefined;
  /** Debian's redis-server, which test harnesses start on a free port (REDIS_SERVER). */
  readonly redisServer: string;
  readonly ci: boolean;
}

export function loadToolEnv(options: { source?: EnvSource } = {}): ToolEnv {
  const source = options.source ?? processEnv();
  return Object.freeze({
    chromiumPath: read(source, 'CHROMIUM_PATH') ?? '/usr/bin/chromium',
    databaseUrl: read(source, 'DATABASE_URL'),
    redisServer: read(source, 'REDIS_SERVER') ?? '/usr/bin/redis-server',
    ci: read(source, 'CI') === 'true',
  });
}
