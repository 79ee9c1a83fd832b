import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apis, apiEnvPrefix, findWorkspaceRoot, webBackchannelLogoutPath } from '@repo/auth-config';
import { childEnv } from './child.env';
import { freePort } from './free-port';
import { startService, type RunningService, type ServiceSpec } from './service-process';

export type StackService = 'local-idp' | 'orders-api' | 'profile-api' | 'web';

export interface Stack {
  readonly webUrl: string;
  readonly idpUrl: string;
  readonly apiUrls: { readonly orders: string; readonly profile: string };
  stop(name: StackService): Promise<void>;
  start(name: StackService): Promise<void>;
  stopAll(): Promise<void>;
  /** What a service has printed so far (its access log, timings), for assertions on it. */
  readLog(name: StackService): string;
}

/**
 * The whole product on free ports, as a user runs it in production, except that it trusts the
 * local IdP (USE_LOCAL_IDP=true): local-idp, both APIs (each with a fresh PGlite folder) and
 * the production build of web (`next start`; turbo's test:e2e builds it first). Everything it
 * starts, it stops, even when a start fails half-way.
 */
export interface StackOptions {
  /** Where each service's log goes (kept on failure). */
  readonly logDir: string;
  /**
   * What web is given as <NAME>_API_URL instead of the APIs' own URLs, e.g. a delaying proxy in
   * front of an API (the benchmark's dashboard case). The APIs themselves do not change.
   */
  readonly webApiUrls?: Partial<Record<'orders' | 'profile', string>>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const root = findWorkspaceRoot(import.meta.dirname);
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-stack-'));
  const [idpPort, ordersPort, profilePort, webPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const idpUrl = `http://localhost:${idpPort}`;
  const webUrl = `http://localhost:${webPort}`;
  const apiUrls = {
    orders: `http://localhost:${ordersPort}`,
    profile: `http://localhost:${profilePort}`,
  };
  // Each package runs its own tsx, from its own node_modules (pnpm links no root copy).
  const tsxIn = (dir: string) => join(dir, 'node_modules', '.bin', 'tsx');
  const common = { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: idpUrl, LOG_LEVEL: 'warn' };

  const specs: Record<StackService, ServiceSpec> = {
    'local-idp': {
      name: 'local-idp',
      command: tsxIn(join(root, 'packages', 'local-idp')),
      args: ['src/cli.ts'],
      cwd: join(root, 'packages', 'local-idp'),
      env: childEnv({
        PORT: String(idpPort),
        LOCAL_IDP_DATA_DIR: join(dataDir, 'local-idp'),
        // Logout tokens go to this stack's web app, never to one on the default port 3000.
        WEB_BACKCHANNEL_LOGOUT_URI: `${webUrl}${webBackchannelLogoutPath}`,
      }),
      healthUrl: `http://127.0.0.1:${idpPort}/healthz`,
      logFile: join(options.logDir, 'local-idp.log'),
    },
    'orders-api': apiSpec('orders', ordersPort),
    'profile-api': apiSpec('profile', profilePort),
    web: {
      name: 'web',
      command: join(root, 'apps', 'web', 'node_modules', '.bin', 'next'),
      args: ['start', '--port', String(webPort), '--hostname', '127.0.0.1'],
      cwd: join(root, 'apps', 'web'),
      env: childEnv({
        ...common,
        NODE_ENV: 'production',
        APP_BASE_URL: webUrl,
        PORT: String(webPort),
        [`${apiEnvPrefix('orders')}_API_URL`]: options.webApiUrls?.orders ?? apiUrls.orders,
        [`${apiEnvPrefix('profile')}_API_URL`]: options.webApiUrls?.profile ?? apiUrls.profile,
      }),
      healthUrl: `http://127.0.0.1:${webPort}/healthz`,
      logFile: join(options.logDir, 'web.log'),
    },
  };

  function apiSpec(name: 'orders' | 'profile', port: number): ServiceSpec {
    const serviceName = apis[name].serviceName;
    return {
      name: serviceName,
      command: tsxIn(join(root, 'apps', serviceName)),
      args: ['src/server.ts'],
      cwd: join(root, 'apps', serviceName),
      env: childEnv({
        ...common,
        PORT: String(port),
        CORS_ALLOWED_ORIGINS: webUrl,
        DATA_DIR: join(dataDir, serviceName),
      }),
      healthUrl: `http://127.0.0.1:${port}/healthz`,
      logFile: join(options.logDir, `${serviceName}.log`),
    };
  }

  const running = new Map<StackService, RunningService>();
  const start = async (name: StackService) => {
    if (!running.has(name)) running.set(name, await startService(specs[name]));
  };
  const stop = async (name: StackService) => {
    await running.get(name)?.stop();
    running.delete(name);
  };
  const stopAll = async () => {
    await Promise.all([...running.keys()].map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await start('local-idp');
    await Promise.all([start('orders-api'), start('profile-api')]);
    await start('web');
  } catch (error) {
    await stopAll();
    throw error;
  }
  const readLog = (name: StackService) => readFileSync(specs[name].logFile, 'utf8');
  return { webUrl, idpUrl, apiUrls, start, stop, stopAll, readLog };
}
