import { join } from 'node:path';

/** What `pnpm dev` runs, one entry per process. */
export type ServiceKind = 'local-idp' | 'dev-db' | 'api' | 'web';

export interface DevService {
  /** The log prefix and the name in messages: `local-idp`, `dev-db`, `orders-api`, `web`. */
  readonly name: string;
  readonly kind: ServiceKind;
  /** The registry key of an API (`orders`); undefined for the others. */
  readonly api?: string;
  /** Its package folder: the working directory, whose node_modules holds its tsx. */
  readonly dir: string;
  /** The script Node runs (with tsx), relative to `dir`; or, with `bin`, nothing. */
  readonly entry: string;
  /** Loaded with `--import` before `entry` (an API's OpenTelemetry instrumentation). */
  readonly preload?: string;
  /** A binary of the package's node_modules/.bin run instead of Node (web: `next`). */
  readonly bin?: string;
  readonly args: readonly string[];
  /** The registry port that answers GET /healthz; undefined for the database host. */
  readonly port: number | undefined;
  /** An API restarts when a source file it is built from changes; web has Next.js's own reload. */
  readonly restartOnChange: boolean;
}

/** The slice of `@repo/auth-config`'s registry the runner needs (tests pass their own). */
export interface RegistryView {
  readonly apis: Readonly<Record<string, { readonly serviceName: string; readonly port: number }>>;
  readonly services: {
    readonly web: { readonly serviceName: string; readonly port: number };
    readonly 'local-idp': { readonly serviceName: string; readonly port: number };
  };
}

/**
 * Every process of `pnpm dev`, derived from the registry: the local IdP, the database host (only
 * when at least one API keeps its data in PGlite), every registered API, then web. A service the
 * generator adds is here without an edit.
 */
export function devServices(
  root: string,
  registry: RegistryView,
  options: { readonly hostDatabases: boolean },
): DevService[] {
  const idp = registry.services['local-idp'];
  const web = registry.services.web;
  const list: DevService[] = [
    {
      name: idp.serviceName,
      kind: 'local-idp',
      dir: join(root, 'packages', 'local-idp'),
      entry: 'src/cli.ts',
      args: [],
      port: idp.port,
      restartOnChange: false,
    },
  ];
  if (options.hostDatabases) {
    list.push({
      name: 'dev-db',
      kind: 'dev-db',
      dir: join(root, 'tooling', 'dev-runner'),
      entry: 'src/db-host.ts',
      args: [],
      port: undefined,
      restartOnChange: false,
    });
  }
  for (const [api, def] of Object.entries(registry.apis)) {
    list.push({
      name: def.serviceName,
      kind: 'api',
      api,
      dir: join(root, 'apps', def.serviceName),
      entry: 'src/server.ts',
      // OpenTelemetry starts before the server's modules, as in the image (docs/observability.md).
      preload: './src/instrumentation.ts',
      args: [],
      port: def.port,
      restartOnChange: true,
    });
  }
  // `next dev` itself: the runner waits for the issuer and prints web's banner, as web's
  // scripts/next.ts does for `pnpm --filter @repo/web dev` (one process fewer, ~100 MB).
  list.push({
    name: web.serviceName,
    kind: 'web',
    dir: join(root, 'apps', web.serviceName),
    entry: '',
    bin: 'next',
    args: ['dev', '--port', String(web.port)],
    port: web.port,
    restartOnChange: false,
  });
  return list;
}
