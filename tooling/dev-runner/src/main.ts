// `pnpm dev`: every service of the registry, started directly from one Node process. See
// docs/architecture.md ("What pnpm dev runs") for why it is not `turbo run dev`.
import { watch, type FSWatcher } from 'node:fs';
import { relative } from 'node:path';
import {
  apis,
  devDataDir,
  findWorkspaceRoot,
  loadApiEnv,
  loadWebEnv,
  services as registryServices,
  waitForIssuer,
  webBanner,
  webPort,
  withEnvFiles,
  type ApiEnv,
  type ApiName,
  type WebEnv,
} from '@repo/auth-config';
import { startChild, type Child } from './child';
import { commandFor, hostedDatabaseUrl } from './command';
import { isHostedMessage, type HostRequest } from './db-protocol';
import { shellEnv } from './env/runner.env';
import { devServices, type DevService } from './services';
import { readWorkspace, sourceDirsOf } from './workspace';

const root = findWorkspaceRoot(import.meta.dirname);
const env = shellEnv();
const say = (line: string) => process.stdout.write(`[dev] ${line}\n`);

/** Each API's config as the API will see it (its .env files, this shell), or why it is invalid. */
function apiConfig(name: string, dir: string): ApiEnv | Error {
  try {
    return loadApiEnv(name as ApiName, { source: withEnvFiles(dir, env), log: () => {} });
  } catch (error) {
    return error as Error;
  }
}

const draft = devServices(root, { apis, services: registryServices }, { hostDatabases: false });
const configs = new Map(
  draft.filter((s) => s.kind === 'api').map((s) => [s.name, apiConfig(s.api!, s.dir)] as const),
);
// APIs without DATABASE_URL keep PGlite: the database host opens it in the same folder the API
// would have used (DATA_DIR, or .data/<service>/).
const hostRequest: HostRequest = [...configs]
  .filter((entry): entry is [string, ApiEnv] => !(entry[1] instanceof Error))
  .filter(([, config]) => config.databaseUrl === undefined)
  .map(([serviceName, config]) => ({
    serviceName,
    dataDir: config.dataDir ?? devDataDir(serviceName, root),
  }));
const services = devServices(
  root,
  { apis, services: registryServices },
  { hostDatabases: hostRequest.length > 0 },
);
const width = Math.max(...services.map((s) => s.name.length));
const running = new Map<string, Child>();
let stopping = false;

function start(service: DevService, extraEnv?: Record<string, string>): Child {
  const command = commandFor(service, { nodePath: process.execPath, env, extraEnv });
  const child = startChild(service.name, width, command, { ipc: service.kind === 'dev-db' });
  running.set(service.name, child);
  void child.exited.then((code) => {
    if (running.get(service.name) !== child || stopping) return;
    running.delete(service.name);
    if (service.restartOnChange) {
      say(`${service.name} exited (${code}); it restarts when one of its files changes`);
    } else {
      say(`${service.name} exited (${code}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

/**
 * Starts the database host. Each API's promise resolves with its database's port as soon as the
 * host has opened that one, and rejects if the host exits first.
 */
function startDatabaseHost(service: DevService): Map<string, Promise<number>> {
  const child = start({ ...service, args: [JSON.stringify(hostRequest)] });
  const settle = new Map<string, { resolve(port: number): void; reject(error: Error): void }>();
  const ports = new Map(
    hostRequest.map(({ serviceName }) => [
      serviceName,
      new Promise<number>((resolve, reject) => settle.set(serviceName, { resolve, reject })),
    ]),
  );
  child.process.on('message', (message) => {
    if (isHostedMessage(message))
      settle.get(message.hosted.serviceName)?.resolve(message.hosted.port);
  });
  void child.exited.then((code) => {
    for (const s of settle.values()) s.reject(new Error(`the database host exited (${code})`));
  });
  return ports;
}

/** One wait per distinct issuer, shared by every app that trusts it. */
const issuerWaits = new Map<string, Promise<void>>();
function issuerReady(config: ApiEnv | WebEnv): Promise<void> {
  const key = config.auth0.jwksUri;
  if (!issuerWaits.has(key)) issuerWaits.set(key, waitForIssuer(config.auth0, { app: 'dev' }));
  return issuerWaits.get(key)!;
}

/**
 * Web as its scripts/next.ts runs it (the env from its folder, the issuer wait, `next dev` on
 * APP_BASE_URL's port, the banner), with `next dev` started directly.
 */
async function startWeb(service: DevService): Promise<void> {
  let env: WebEnv;
  try {
    env = loadWebEnv({ source: withEnvFiles(service.dir, shellEnv()) });
  } catch (error) {
    say(`web: ${(error as Error).message}`);
    return;
  }
  await issuerReady(env);
  if (stopping) return;
  start({ ...service, args: ['dev', '--port', String(webPort(env))] });
  process.stdout.write(`${webBanner(env)}\n`);
}

const restartTimers = new Map<string, NodeJS.Timeout>();
async function restart(service: DevService, extraEnv: Record<string, string>, why: string) {
  say(`restarting ${service.name} (${why})`);
  const child = running.get(service.name);
  // Out of the map first: its exit is ours, not a crash to report.
  running.delete(service.name);
  await child?.stop();
  if (!stopping) start(service, extraEnv);
}

/** One recursive watcher per source folder; a change restarts every API built from it. */
function watchSources(apisWithEnv: readonly [DevService, Record<string, string>][]): FSWatcher[] {
  const packages = readWorkspace(root);
  const byDir = new Map<string, [DevService, Record<string, string>][]>();
  for (const entry of apisWithEnv) {
    for (const dir of sourceDirsOf(entry[0].dir, packages)) {
      byDir.set(dir, [...(byDir.get(dir) ?? []), entry]);
    }
  }
  const watchers: FSWatcher[] = [];
  for (const [dir, dependents] of byDir) {
    try {
      const watcher = watch(dir, { recursive: true }, (_event, file) => {
        const changed = relative(root, `${dir}/${file ?? ''}`);
        for (const [service, extraEnv] of dependents) {
          clearTimeout(restartTimers.get(service.name));
          // Editors write a file in several steps: one restart after the last of them.
          restartTimers.set(
            service.name,
            setTimeout(() => void restart(service, extraEnv, `${changed} changed`), 300),
          );
        }
      });
      watchers.push(watcher);
    } catch {
      // No src folder (a package of config files only): nothing to watch.
    }
  }
  return watchers;
}

let watchers: FSWatcher[] = [];
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const w of watchers) w.close();
  for (const t of restartTimers.values()) clearTimeout(t);
  const db = running.get('dev-db');
  const others = [...running].filter(([name]) => name !== 'dev-db').map(([, child]) => child);
  await Promise.all(others.map((child) => child.stop()));
  // Last: the APIs close their pools first, then the host closes PGlite cleanly.
  await db?.stop();
  process.exit(code);
}

let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts === 1) {
      say('stopping every service (Ctrl-C again to kill them at once)');
      void shutdown(0);
    } else {
      for (const child of running.values()) child.kill('SIGKILL');
      process.exit(130);
    }
  });
}
// However the runner ends, it takes its services with it.
process.on('exit', () => {
  for (const child of running.values()) child.kill('SIGKILL');
});

async function main(): Promise<void> {
  say(
    `starting ${services.map((s) => s.name + (s.port ? ` :${s.port}` : '')).join(', ')} (Ctrl-C stops all)`,
  );
  for (const [name, config] of configs) {
    if (config instanceof Error) say(`${name}: ${config.message}`);
  }
  const byKind = (kind: DevService['kind']) => services.filter((s) => s.kind === kind);
  for (const idp of byKind('local-idp')) start(idp);
  const dbService = byKind('dev-db')[0];
  const databases = dbService ? startDatabaseHost(dbService) : new Map<string, Promise<number>>();
  const web = Promise.all(byKind('web').map(startWeb));

  const apiEnvs = await Promise.all(
    byKind('api').map(async (service): Promise<[DevService, Record<string, string>]> => {
      const config = configs.get(service.name);
      const [port] = await Promise.all([
        databases.get(service.name),
        config && !(config instanceof Error) ? issuerReady(config) : undefined,
      ]);
      const extraEnv: Record<string, string> = port
        ? { DATABASE_URL: hostedDatabaseUrl(port) }
        : {};
      if (!stopping) start(service, extraEnv);
      return [service, extraEnv];
    }),
  );
  if (!stopping) watchers = watchSources(apiEnvs);
  await web;
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
