import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiNames,
  apis,
  apiEnvPrefix,
  type ApiName,
  findWorkspaceRoot,
  loadToolEnv,
  webBackchannelLogoutPath,
} from '@repo/auth-config';
import { childEnv } from './child.env';
import { freePort } from './free-port';
import { startRedis, type RedisServer } from './redis-server';
import { startReverseProxy, type ReverseProxyOptions } from './reverse-proxy';
import { startService, type RunningService, type ServiceSpec } from './service-process';

/** `web` is the first web replica; `web-2`, `web-3`… the others. */
export type StackService = 'local-idp' | `${string}-api` | 'web' | `web-${number}`;

export interface Stack {
  /** What a browser opens: the web app, or the round-robin proxy in front of its replicas. */
  readonly webUrl: string;
  /** Each web replica's own service name, in order. */
  readonly webReplicas: readonly StackService[];
  /** Which session store web runs on, and the Redis server when it is Redis. */
  readonly sessionStore: 'redis' | 'embedded';
  readonly redis: RedisServer | undefined;
  readonly idpUrl: string;
  /** Every registered API's own URL (not through webApiUrls). */
  readonly apiUrls: Readonly<Record<ApiName, string>>;
  stop(name: StackService): Promise<void>;
  start(name: StackService): Promise<void>;
  stopAll(): Promise<void>;
  /** What a service has printed so far (its access log, timings), for assertions on it. */
  readLog(name: StackService): string;
  /** Each web replica's own URL (behind the front proxy, if any). */
  readonly replicaUrls: readonly string[];
  /**
   * What `rm -rf .data/local-idp` does to a developer's IdP: restarted with no keys, sessions,
   * grants or refresh tokens.
   */
  resetIdp(): Promise<void>;
}

/**
 * The whole product on free ports, as a user runs it in production, except that it trusts the
 * local IdP (USE_LOCAL_IDP=true): local-idp, every registered API (each with a fresh PGlite
 * folder) and the production build of web (its standalone server through `pnpm start`'s script;
 * turbo's test:e2e builds it first). Everything it
 * starts, it stops, even when a start fails half-way.
 */
export interface StackOptions {
  /** Where each service's log goes (kept on failure). */
  readonly logDir: string;
  /**
   * What web is given as <NAME>_API_URL instead of the APIs' own URLs, e.g. a delaying proxy in
   * front of an API (the benchmark's dashboard case). The APIs themselves do not change.
   */
  readonly webApiUrls?: Partial<Record<ApiName, string>>;
  /**
   * Where web keeps sessions: `redis` (Debian's redis-server, started here on a free port) or
   * `embedded` (a SQLite file in the stack's folder). Default: Redis when REDIS_SERVER (default
   * /usr/bin/redis-server) exists, the embedded store otherwise.
   */
  readonly sessionStore?: 'redis' | 'embedded';
  /**
   * Web replicas behind a round-robin reverse proxy (its own process), sharing the session
   * store: 2 or more needs Redis. Default 1, and no proxy. 0 runs the IdP and the APIs only
   * (no web build needed): `webUrl` then names a free port nothing listens on, which the APIs'
   * CORS and the IdP's logout URI point at.
   */
  readonly webReplicas?: number;
  /** LOG_LEVEL of every API (default `warn`); `info` logs one line per request. */
  readonly apiLogLevel?: string;
  /**
   * A reverse proxy in front of web even with one replica: terminating TLS, or dropping cookies
   * as a misconfigured proxy does. `host` is the name in the app's URL (default localhost; a
   * browser maps any other name to 127.0.0.1 with Chromium's --host-resolver-rules).
   */
  readonly front?: ReverseProxyOptions & { readonly host?: string };
  /**
   * Variables added to (or replacing) one service's env, to cause a failure as a user would:
   * `{ 'orders-api': { AUTH0_AUDIENCE: 'https://typo' } }`.
   */
  readonly env?: Partial<Record<StackService, Readonly<Record<string, string>>>>;
  /**
   * Variables given to web and every API (before `env`): OpenTelemetry's OTEL_* pointing at a
   * test's OTLP receiver (`otlpEnv`), say.
   */
  readonly appEnv?: Readonly<Record<string, string>>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const root = findWorkspaceRoot(import.meta.dirname);
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-stack-'));
  const { redisServer } = loadToolEnv();
  const sessionStore = options.sessionStore ?? (existsSync(redisServer) ? 'redis' : 'embedded');
  const redis = sessionStore === 'redis' ? await startRedis({ binary: redisServer }) : undefined;
  const replicas = options.webReplicas ?? 1;
  if (replicas > 1 && sessionStore !== 'redis')
    throw new Error('web replicas share sessions through Redis: REDIS_SERVER must exist');
  const [idpPort, ...ports] = await Promise.all(
    Array.from({ length: 1 + apiNames.length + Math.max(replicas, 1) }, () => freePort()),
  );
  const apiPorts = ports.slice(0, apiNames.length);
  const webPorts = ports.slice(apiNames.length);
  const webReplicas = webPorts.map((_, i): StackService => (i === 0 ? 'web' : `web-${i + 1}`));
  const replicaUrls = webPorts.map((p) => `http://127.0.0.1:${p}`);
  const proxy =
    replicas > 1 || options.front ? await startReverseProxy(replicaUrls, options.front) : undefined;
  const idpUrl = `http://localhost:${idpPort}`;
  // nextjs-auth0 and the local IdP want `localhost` in the app's URL.
  const webHost = options.front?.host ?? 'localhost';
  const webUrl = proxy
    ? `${new URL(proxy.url).protocol}//${webHost}:${new URL(proxy.url).port}`
    : `http://${webHost}:${webPorts[0]}`;
  const envOf = (name: StackService) => options.env?.[name] ?? {};
  const apiUrls = Object.fromEntries(
    apiNames.map((name, i) => [name, `http://localhost:${apiPorts[i]}`]),
  ) as Record<ApiName, string>;
  // Where an API that calls others (registry `calls`) finds them: this stack's own APIs.
  const calleeUrls = Object.fromEntries(
    apiNames.map((n) => [`${apiEnvPrefix(n)}_API_URL`, apiUrls[n]]),
  );
  // Each package runs its own tsx, from its own node_modules (pnpm links no root copy).
  const tsxIn = (dir: string) => join(dir, 'node_modules', '.bin', 'tsx');
  const common = { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idpUrl, LOG_LEVEL: 'warn' };
  const specs: Partial<Record<StackService, ServiceSpec>> = {
    'local-idp': {
      name: 'local-idp',
      command: tsxIn(join(root, 'packages', 'local-idp')),
      args: ['src/cli.ts'],
      cwd: join(root, 'packages', 'local-idp'),
      env: childEnv({
        PORT: String(idpPort),
        LOCAL_IDP_DATA_DIR: join(dataDir, 'local-idp'),
        // Logout tokens go to this stack's web app (or its proxy), never to one on port 3000.
        // (Straight to the first replica when the app's own URL is not on localhost.)
        WEB_BACKCHANNEL_LOGOUT_URI: `${webHost === 'localhost' ? webUrl : replicaUrls[0]}${webBackchannelLogoutPath}`,
        ...(webHost === 'localhost' ? {} : { LOCAL_IDP_WEB_ORIGINS: webUrl }),
        ...envOf('local-idp'),
      }),
      healthUrl: `http://127.0.0.1:${idpPort}/healthz`,
      logFile: join(options.logDir, 'local-idp.log'),
    },
  };
  apiNames.forEach((name, i) => {
    specs[apis[name].serviceName as StackService] = apiSpec(name, apiPorts[i]!);
  });
  webReplicas.forEach((name, i) => {
    const port = webPorts[i]!;
    specs[name] = {
      name,
      // `pnpm --filter @repo/web start`, as a user runs the production build: the env checked
      // first, then the standalone server.
      command: tsxIn(join(root, 'apps', 'web')),
      args: ['scripts/next.ts', 'start'],
      cwd: join(root, 'apps', 'web'),
      env: childEnv({
        ...common,
        ...options.appEnv,
        NODE_ENV: 'production',
        APP_BASE_URL: webUrl,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        ...(redis ? { SESSION_STORE_URL: redis.url } : { DATA_DIR: join(dataDir, 'web') }),
        ...Object.fromEntries(
          apiNames.map((n) => [
            `${apiEnvPrefix(n)}_API_URL`,
            options.webApiUrls?.[n] ?? apiUrls[n],
          ]),
        ),
        ...envOf(name),
      }),
      healthUrl: `http://127.0.0.1:${port}/healthz`,
      logFile: join(options.logDir, `${name}.log`),
    };
  });
  const specOf = (name: StackService): ServiceSpec => {
    const spec = specs[name];
    if (!spec) throw new Error(`the stack has no service ${name}`);
    return spec;
  };

  function apiSpec(name: ApiName, port: number): ServiceSpec {
    const serviceName = apis[name].serviceName;
    return {
      name: serviceName,
      command: tsxIn(join(root, 'apps', serviceName)),
      // As the image runs it: the OpenTelemetry entry first (a no-op without OTEL_* set).
      args: ['--import', './src/instrumentation.ts', 'src/server.ts'],
      cwd: join(root, 'apps', serviceName),
      env: childEnv({
        ...common,
        ...options.appEnv,
        ...calleeUrls,
        LOG_LEVEL: options.apiLogLevel ?? common.LOG_LEVEL,
        PORT: String(port),
        CORS_ALLOWED_ORIGINS: webUrl,
        DATA_DIR: join(dataDir, serviceName),
        ...envOf(serviceName as StackService),
      }),
      healthUrl: `http://127.0.0.1:${port}/healthz`,
      logFile: join(options.logDir, `${serviceName}.log`),
    };
  }

  const running = new Map<StackService, RunningService>();
  const start = async (name: StackService) => {
    if (!running.has(name)) running.set(name, await startService(specOf(name)));
  };
  const stop = async (name: StackService) => {
    await running.get(name)?.stop();
    running.delete(name);
  };
  const stopAll = async () => {
    await Promise.all([...running.keys()].map(stop));
    await proxy?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await start('local-idp');
    await Promise.all(apiNames.map((n) => start(apis[n].serviceName as StackService)));
    await Promise.all(webReplicas.map(start));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const readLog = (name: StackService) => readFileSync(specOf(name).logFile, 'utf8');
  const resetIdp = async () => {
    await stop('local-idp');
    rmSync(join(dataDir, 'local-idp'), { recursive: true, force: true });
    await start('local-idp');
  };
  return {
    replicaUrls,
    resetIdp,
    webUrl,
    webReplicas,
    sessionStore,
    redis,
    idpUrl,
    apiUrls,
    start,
    stop,
    stopAll,
    readLog,
  };
}
