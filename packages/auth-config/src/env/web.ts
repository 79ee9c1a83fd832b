import type { IssuerUrls } from '../issuer';
import { join } from 'node:path';
import { devDataDir } from '../data-dir';
import { localIdpDomain, localSessionSecret, localWebClient } from '../local-profile';
import {
  apiEnvPrefix,
  apiNames,
  apis,
  scopesOf,
  services,
  type ApiName,
  type Scope,
} from '../registry';
import {
  localDefault,
  readAuth0Domain,
  readRequired,
  readSecret,
  readUrl,
  type FieldContext,
} from './fields';
import { ProblemList } from './problems';
import { announceProfile, decideProfile, type IdpProfile, type Logger } from './profile';
import { processEnv, read, type EnvSource } from './source';
import { readTelemetry, telemetryEnvVariables, type TelemetryEnv } from './telemetry';

export interface WebApiTarget {
  readonly name: ApiName;
  /** Base URL the web server (and, through a prop, the browser) calls. */
  readonly url: string;
  readonly audience: string;
  readonly scopes: readonly Scope[];
}

export interface WebEnv {
  readonly app: 'web';
  readonly profile: IdpProfile;
  readonly production: boolean;
  readonly auth0: IssuerUrls & {
    readonly clientId: string;
    readonly clientSecret: string;
    /** Cookie encryption secret (AUTH0_SECRET). */
    readonly secret: string;
  };
  readonly appBaseUrl: string;
  readonly apis: Readonly<Record<ApiName, WebApiTarget>>;
  /** Where sessions live (SESSION_STORE_URL): the cookie then holds an encrypted session id only. */
  readonly sessionStore: SessionStoreChoice;
  /** OTEL_* and METRICS_PORT: traces, and the /metrics listener. */
  readonly telemetry: TelemetryEnv;
}

/**
 * - `redis`: any number of web replicas (SESSION_STORE_URL=redis://… or rediss://…).
 * - `embedded`: a SQLite file in `dir` (DATA_DIR, default .data/web/), for one process: the
 *   default outside production, and under the local profile in production (E2E, prune-build).
 * - `cookie`: the SDK's stateless cookie (SESSION_STORE_URL=cookie), an explicit choice: every
 *   API's tokens in the cookie, no server-side revocation, no back-channel logout.
 */
export type SessionStoreChoice =
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'embedded'; readonly dir: string }
  | { readonly kind: 'cookie' };

export interface LoadOptions {
  readonly source?: EnvSource;
  readonly log?: Logger;
}

export const webEnvVariables = (): string[] => [
  'AUTH0_DOMAIN',
  'AUTH0_CLIENT_ID',
  'AUTH0_CLIENT_SECRET',
  'AUTH0_SECRET',
  'APP_BASE_URL',
  'SESSION_STORE_URL',
  'DATA_DIR',
  ...apiNames.flatMap((n) => [`${apiEnvPrefix(n)}_API_URL`, `${apiEnvPrefix(n)}_API_AUDIENCE`]),
  ...telemetryEnvVariables,
];

/** The web app's configuration, or one EnvError listing every problem. */
export function loadWebEnv(options: LoadOptions = {}): WebEnv {
  const source = options.source ?? processEnv();
  const log = options.log ?? ((m: string) => console.warn(m));
  const decision = decideProfile(source);
  const problems = new ProblemList();
  const ctx: FieldContext = { source, problems, decision };

  const issuer = readAuth0Domain(ctx, localIdpDomain);
  const clientId = readRequired(ctx, 'AUTH0_CLIENT_ID', {
    fallback: localDefault(ctx, localWebClient.clientId),
    fix: 'copy the Client ID of your Regular Web Application from the Auth0 dashboard',
  });
  const clientSecret = readSecret(ctx, 'AUTH0_CLIENT_SECRET', {
    fallback: localDefault(ctx, localWebClient.clientSecret),
    minLength: 1,
    fix: 'copy the Client Secret of your Regular Web Application from the Auth0 dashboard',
  });
  const secret = readSecret(ctx, 'AUTH0_SECRET', {
    fallback: localDefault(ctx, localSessionSecret),
    minLength: 32,
    fix: 'generate one with `openssl rand -hex 32`',
  });
  const appBaseUrl = readUrl(ctx, 'APP_BASE_URL', {
    fallback: localDefault(ctx, `http://localhost:${services.web.port}`),
    fix: 'set it to the URL users open, e.g. APP_BASE_URL=https://app.example.com',
    httpsInProduction: true,
  });

  const targets = {} as Record<ApiName, WebApiTarget>;
  for (const name of apiNames) {
    const prefix = apiEnvPrefix(name);
    const url = readUrl(ctx, `${prefix}_API_URL`, {
      // APIs run on the registry's ports in dev, whichever IdP is used.
      fallback: decision.production ? undefined : `http://localhost:${apis[name].port}`,
      fix: `set ${prefix}_API_URL to the public base URL of ${apis[name].serviceName}`,
      httpsInProduction: true,
    });
    const audience = read(source, `${prefix}_API_AUDIENCE`) ?? apis[name].audience;
    targets[name] = { name, url: url ?? '', audience, scopes: scopesOf(name) };
  }

  const sessionStore = readSessionStore(ctx);
  const telemetry = readTelemetry(ctx, {
    serviceName: services.web.serviceName,
    // Like the standalone server's HOSTNAME in the image: every interface in production.
    metricsHost: decision.production ? '0.0.0.0' : '127.0.0.1',
    // The port Next listens on: PORT, else the app URL's (scripts/next.ts does the same).
    publicPort:
      Number(read(source, 'PORT') ?? (appBaseUrl ? new URL(appBaseUrl).port : '') ?? '') ||
      services.web.port,
  });

  problems.throwIfAny('web');
  announceProfile('web', decision, log);
  if (decision.productionOverride && sessionStore?.kind === 'embedded') {
    log(
      `[web] Sessions are kept in the embedded store under ${sessionStore.dir} (one process only): ` +
        'set SESSION_STORE_URL=redis://… for anything but a test run.',
    );
  }
  return Object.freeze({
    app: 'web',
    profile: decision.profile,
    production: decision.production,
    auth0: Object.freeze({
      ...issuer!,
      clientId: clientId!,
      clientSecret: clientSecret!,
      secret: secret!,
    }),
    appBaseUrl: appBaseUrl!,
    apis: Object.freeze(targets),
    sessionStore: Object.freeze(sessionStore!),
    telemetry,
  });
}

function readSessionStore(ctx: FieldContext): SessionStoreChoice | undefined {
  const raw = read(ctx.source, 'SESSION_STORE_URL');
  const fix =
    'set SESSION_STORE_URL=redis://host:6379 (or rediss:// for TLS) for sessions in Redis, any number of replicas; SESSION_STORE_URL=cookie keeps them in the cookie (no revocation, about 2 kB per API)';
  if (raw === undefined) {
    // The local profile in production (E2E, prune-build, bench) may keep the embedded store.
    if (ctx.decision.production && ctx.decision.profile !== 'local') {
      ctx.problems.add(
        'SESSION_STORE_URL',
        'is not set; production needs a shared session store',
        fix,
      );
      return undefined;
    }
    return { kind: 'embedded', dir: read(ctx.source, 'DATA_DIR') ?? webDataDir() };
  }
  if (raw === 'cookie') return { kind: 'cookie' };
  if (/^rediss?:\/\/[^\s]+$/.test(raw)) {
    try {
      new URL(raw);
      return { kind: 'redis', url: raw };
    } catch {
      // reported below
    }
  }
  ctx.problems.add(
    'SESSION_STORE_URL',
    `"${redactUrlPassword(raw)}" is neither a redis:// or rediss:// URL nor "cookie"`,
    fix,
  );
  return undefined;
}

/** A Redis URL may carry a password: never echo it in an error. */
function redactUrlPassword(value: string): string {
  return value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** `.data/web/` at the repo root; beside the server when there is no repo (a built image). */
function webDataDir(): string {
  try {
    return devDataDir('web');
  } catch {
    return join(/*turbopackIgnore: true*/ process.cwd(), '.data', 'web');
  }
}
