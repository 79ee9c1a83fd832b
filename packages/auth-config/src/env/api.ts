import type { IssuerUrls } from '../issuer';
import { localIdpDomain } from '../local-profile';
import { apis, scopesOf, services, type ApiName, type Scope } from '../registry';
import {
  readAuth0Domain,
  readDatabaseUrl,
  readEnum,
  readOrigins,
  readPort,
  readTrustProxy,
  type FieldContext,
  type TrustProxy,
} from './fields';
import { ProblemList } from './problems';
import { announceProfile, decideProfile, type IdpProfile, type Logger } from './profile';
import { processEnv, read, type EnvSource } from './source';
import { readTelemetry, telemetryEnvVariables, type TelemetryEnv } from './telemetry';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface ApiEnv<N extends ApiName = ApiName> {
  readonly app: N;
  readonly serviceName: string;
  readonly profile: IdpProfile;
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly auth0: IssuerUrls & { readonly audience: string };
  readonly scopes: readonly Scope[];
  readonly corsAllowedOrigins: readonly string[];
  /** Unset: PGlite under .data/<service>/ (dev) or in memory (tests). */
  readonly databaseUrl: string | undefined;
  /** Where PGlite keeps its files when DATABASE_URL is unset; unset means .data/<service>/. */
  readonly dataDir: string | undefined;
  readonly logLevel: LogLevel;
  /** TRUST_PROXY: whom to believe about the client's address (Express's `trust proxy`). */
  readonly trustProxy: TrustProxy;
  /** OTEL_* and METRICS_PORT: traces, and the /metrics listener. */
  readonly telemetry: TelemetryEnv;
}

export interface ApiLoadOptions {
  readonly source?: EnvSource;
  readonly log?: Logger;
}

export const apiEnvVariables = [
  'PORT',
  'HOST',
  'AUTH0_DOMAIN',
  'AUTH0_AUDIENCE',
  'CORS_ALLOWED_ORIGINS',
  'DATABASE_URL',
  'DATA_DIR',
  'LOG_LEVEL',
  'TRUST_PROXY',
  ...telemetryEnvVariables,
] as const;

/** The configuration of one API service, or one EnvError listing every problem. */
export function loadApiEnv<N extends ApiName>(name: N, options: ApiLoadOptions = {}): ApiEnv<N> {
  const source = options.source ?? processEnv();
  const log = options.log ?? ((m: string) => console.warn(m));
  const def = apis[name];
  const decision = decideProfile(source);
  const problems = new ProblemList();
  const ctx: FieldContext = { source, problems, decision };

  const issuer = readAuth0Domain(ctx, localIdpDomain);
  const audience = read(source, 'AUTH0_AUDIENCE') ?? def.audience;
  const port = readPort(ctx, 'PORT', def.port);
  // Containers must listen on every interface; a developer's machine only on loopback.
  const host = read(source, 'HOST') ?? (decision.production ? '0.0.0.0' : '127.0.0.1');
  const corsAllowedOrigins = readOrigins(
    ctx,
    'CORS_ALLOWED_ORIGINS',
    decision.production ? undefined : `http://localhost:${services.web.port}`,
  );
  const databaseUrl = readDatabaseUrl(ctx);
  const logLevel = readEnum(ctx, 'LOG_LEVEL', logLevels, 'info');
  const trustProxy = readTrustProxy(ctx);
  const telemetry = readTelemetry(ctx, {
    serviceName: def.serviceName,
    metricsHost: host,
    publicPort: port,
  });

  problems.throwIfAny(def.serviceName);
  announceProfile(def.serviceName, decision, log);
  return Object.freeze({
    app: name,
    serviceName: def.serviceName,
    profile: decision.profile,
    production: decision.production,
    host,
    port,
    auth0: Object.freeze({ ...issuer!, audience }),
    scopes: scopesOf(name),
    corsAllowedOrigins: Object.freeze([...corsAllowedOrigins!]),
    databaseUrl,
    dataDir: read(source, 'DATA_DIR'),
    logLevel,
    trustProxy,
    telemetry,
  });
}
