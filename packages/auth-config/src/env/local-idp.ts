import { localIdpPort, localWebBackchannelLogoutUri } from '../local-profile';
import { isLoopbackUrl, readPort, type FieldContext } from './fields';
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
  /** Where logout tokens for the web client go; the web app on its registry port by default. */
  readonly webBackchannelLogoutUri: string;
  /** LOCAL_IDP_WEB_ORIGINS: origins besides localhost where the web app runs. */
  readonly webOrigins: readonly string[];
}

/**
 * LOCAL_IDP_WEB_ORIGINS: comma-separated origins (scheme, host, port; nothing else) where the web
 * app runs besides localhost, e.g. a LAN name or a local TLS proxy. The IdP accepts callbacks and
 * logout returns there; anything that is not a bare origin is refused, as a typo here would
 * otherwise widen where sign-in codes may be sent.
 */
function readWebOrigins(ctx: FieldContext): string[] {
  const name = 'LOCAL_IDP_WEB_ORIGINS';
  const raw = read(ctx.source, name);
  if (raw === undefined) return [];
  const origins: string[] = [];
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const bare =
      url &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password &&
      url.pathname === '/' &&
      !url.search &&
      !url.hash;
    if (!bare) {
      ctx.problems.add(
        name,
        `"${entry}" is not an origin`,
        `list origins only (scheme://host:port), e.g. ${name}=https://app.test:8443`,
      );
      continue;
    }
    origins.push(url!.origin);
  }
  return origins;
}

/**
 * WEB_BACKCHANNEL_LOGOUT_URI: an http URL on this machine, as the IdP's own rule says. The IdP
 * posts logout tokens there without a browser in between, so a URL elsewhere would make a dev
 * tool send signed tokens across the network.
 */
function readBackchannelLogoutUri(ctx: FieldContext): string {
  const name = 'WEB_BACKCHANNEL_LOGOUT_URI';
  const raw = read(ctx.source, name);
  if (raw === undefined) return localWebBackchannelLogoutUri;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    url.protocol !== 'http:' ||
    !isLoopbackUrl(raw) ||
    url.username ||
    url.password ||
    url.hash
  ) {
    ctx.problems.add(
      name,
      `"${raw}" is not an http URL on localhost`,
      `point it at the web app's back-channel route on this machine, e.g. ${name}=${localWebBackchannelLogoutUri}`,
    );
    return localWebBackchannelLogoutUri;
  }
  return url.href;
}

export function loadLocalIdpEnv(options: { source?: EnvSource } = {}): LocalIdpEnv {
  const source = options.source ?? processEnv();
  const decision = decideProfile(source);
  const problems = new ProblemList();
  const ctx: FieldContext = { source, problems, decision };
  const port = readPort(ctx, 'PORT', localIdpPort);
  const webBackchannelLogoutUri = readBackchannelLogoutUri(ctx);
  const webOrigins = readWebOrigins(ctx);
  problems.throwIfAny('local-idp');
  return Object.freeze({
    port,
    production: decision.production,
    allowProduction: decision.productionOverride,
    dataDir: read(source, 'LOCAL_IDP_DATA_DIR'),
    webBackchannelLogoutUri,
    webOrigins: Object.freeze(webOrigins),
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
