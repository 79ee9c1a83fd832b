import type { IssuerUrls } from '../issuer';
import { localIdpDomain, localServiceClient } from '../local-profile';
import {
  apiEnvPrefix,
  apis,
  callsOf,
  scopesOf,
  services,
  type ApiName,
  type CalleeOf,
  type Scope,
  type ServiceScope,
} from '../registry';
import {
  localDefault,
  readAuth0Domain,
  readDatabaseUrl,
  readEnum,
  readOrigins,
  readPort,
  readRequired,
  readSecret,
  readTrustProxy,
  readUrl,
  type FieldContext,
  type TrustProxy,
} from './fields';
import { ProblemList } from './problems';
import { announceProfile, decideProfile, type IdpProfile, type Logger } from './profile';
import { processEnv, read, type EnvSource } from './source';
import { readTelemetry, telemetryEnvVariables, type TelemetryEnv } from './telemetry';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Another API this one calls as itself: where it is, for which audience, with which scopes. */
export interface CalleeTarget<C extends ApiName = ApiName> {
  readonly name: C;
  readonly serviceName: string;
  /** <CALLEE>_API_URL: the callee's base URL as this API reaches it (inside the network). */
  readonly url: string;
  /** <CALLEE>_API_AUDIENCE: what this API asks the IdP for; the callee's AUTH0_AUDIENCE. */
  readonly audience: string;
  /** The service scopes the registry grants this caller there. */
  readonly scopes: readonly ServiceScope[];
}

/** This API's own M2M application, for client-credentials tokens. */
export interface ClientCredentials {
  /** `<issuer>oauth/token`, Auth0's token endpoint (and the local IdP's). */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

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
  /** The APIs it calls as itself (registry `calls`); empty for an API that calls none. */
  readonly calls: Readonly<Record<CalleeOf<N>, CalleeTarget>>;
  /** AUTH0_CLIENT_ID/SECRET: set exactly when `calls` is not empty. */
  readonly clientCredentials: ClientCredentials | undefined;
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

/**
 * Every variable one API's loader reads: the shared ones, plus for an API that calls others its
 * own M2M application and each callee's URL and audience.
 */
export function apiEnvVariablesOf(name: ApiName): string[] {
  const calls = callsOf(name);
  if (calls.length === 0) return [...apiEnvVariables];
  return [
    ...apiEnvVariables,
    'AUTH0_CLIENT_ID',
    'AUTH0_CLIENT_SECRET',
    ...calls.flatMap(({ callee }) => [
      `${apiEnvPrefix(callee)}_API_URL`,
      `${apiEnvPrefix(callee)}_API_AUDIENCE`,
    ]),
  ];
}

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
  const clientCredentials =
    callsOf(name).length > 0 ? readClientCredentials(ctx, name, issuer) : undefined;
  const calls = readCallees(ctx, name);

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
    calls: Object.freeze(calls) as ApiEnv<N>['calls'],
    clientCredentials: clientCredentials && Object.freeze(clientCredentials),
  });
}

/**
 * Each callee's <NAME>_API_URL (outside production: the callee on its registry port on this
 * machine, as `pnpm dev` runs it; in production required, since only the deployment knows the
 * address) and <NAME>_API_AUDIENCE (default: the registry's).
 */
function readCallees(ctx: FieldContext, name: ApiName): Record<string, CalleeTarget> {
  const targets: Record<string, CalleeTarget> = {};
  for (const { callee, scopes } of callsOf(name)) {
    const prefix = apiEnvPrefix(callee);
    const { serviceName, port, audience } = apis[callee];
    const url = readUrl(ctx, `${prefix}_API_URL`, {
      fallback: ctx.decision.production ? undefined : `http://localhost:${port}`,
      fix: `set ${prefix}_API_URL to the base URL at which ${apis[name].serviceName} reaches ${serviceName} (e.g. http://${serviceName}:${port} inside a cluster)`,
    });
    targets[callee] = Object.freeze({
      name: callee,
      serviceName,
      url: url ?? '',
      audience: read(ctx.source, `${prefix}_API_AUDIENCE`) ?? audience,
      scopes: Object.freeze([...scopes]),
    });
  }
  return targets;
}

/**
 * AUTH0_CLIENT_ID/SECRET: the API's own M2M application, never the web app's. Under the local
 * IdP they default to its `local-<service>` client; anywhere else they are required, and the
 * public dev secrets are refused.
 */
function readClientCredentials(
  ctx: FieldContext,
  name: ApiName,
  issuer: IssuerUrls | undefined,
): ClientCredentials | undefined {
  const local = localServiceClient(name);
  const fix = `copy the Client ID and Client Secret of the machine-to-machine application "${apis[name].serviceName}" (infra/auth0) from the Auth0 dashboard, never the web app's`;
  const clientId = readRequired(ctx, 'AUTH0_CLIENT_ID', {
    fallback: localDefault(ctx, local.clientId),
    fix,
  });
  const clientSecret = readSecret(ctx, 'AUTH0_CLIENT_SECRET', {
    fallback: localDefault(ctx, local.clientSecret),
    minLength: 1,
    fix,
  });
  if (!issuer || clientId === undefined || clientSecret === undefined) return undefined;
  return { tokenUrl: `${issuer.issuer}oauth/token`, clientId, clientSecret };
}
