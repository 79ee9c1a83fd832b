import { delimiter, join } from 'node:path';
import type { DevService } from './services';

/**
 * Flags for the API processes and the database host. V8 sizes the young generation for
 * throughput; a dev API serves a handful of requests, and its start-up garbage (tsx's transforms,
 * drizzle, the pg driver) would otherwise keep ~100 MB of heap resident per API. Measured in
 * tests/bench (dev-scale).
 */
export const nodeFlags: readonly string[] = ['--max-semi-space-size=2'];

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How one service is started: Node itself with tsx as its loader (the sources use extensionless
 * imports, which Node's own type stripping cannot resolve), or the package's own binary (web's
 * `next`); no pnpm and no watcher process in between: the runner watches the files. PATH gets the package's node_modules/.bin first, as
 * `pnpm run` would (web's scripts/next.ts runs `next` from there).
 */
export function commandFor(
  service: DevService,
  options: {
    readonly nodePath: string;
    readonly env: NodeJS.ProcessEnv;
    readonly extraEnv?: Readonly<Record<string, string>>;
  },
): Command {
  const flags = service.kind === 'api' || service.kind === 'dev-db' ? nodeFlags : [];
  const bin = join(service.dir, 'node_modules', '.bin');
  const path = [bin, options.env.PATH].filter(Boolean).join(delimiter);
  return {
    command: service.bin ? join(bin, service.bin) : options.nodePath,
    args: service.bin
      ? service.args
      : [
          ...flags,
          '--import',
          'tsx',
          ...(service.preload ? ['--import', service.preload] : []),
          service.entry,
          ...service.args,
        ],
    cwd: service.dir,
    env: { ...options.env, ...options.extraEnv, PATH: path },
  };
}

/** The database URL an API gets for the database the host keeps for it. */
export function hostedDatabaseUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}
