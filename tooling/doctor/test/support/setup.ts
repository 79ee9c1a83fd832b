import type { EnvSources } from '../../src';
import { runDoctor, type CheckResult, type Report } from '../../src';
import type { RepoFiles } from '../../src/files';
import type { FetchFn } from '../../src/http';
import { deadPort } from './servers';

/** Where the pieces of one local setup listen: real servers or ports nothing listens on. */
export interface Ports {
  readonly idp: number;
  readonly web: number;
  readonly orders: number;
  readonly profile: number;
}

/** Nothing listens on any of these: for tests about the env rather than the network. */
export async function deadPorts(): Promise<Ports> {
  const [idp, web, orders, profile] = await Promise.all([
    deadPort(),
    deadPort(),
    deadPort(),
    deadPort(),
  ]);
  return { idp, web, orders, profile };
}

/**
 * A correct local-profile env for every app, pointing at the given ports. USE_LOCAL_IDP=true keeps
 * the local profile on while AUTH0_DOMAIN names a test IdP on a free port.
 */
export function localSources(
  ports: Ports,
  edits: Partial<Record<keyof EnvSources & string, Record<string, string | undefined>>> = {},
): EnvSources {
  const domain = `http://localhost:${ports.idp}`;
  const web = `http://localhost:${ports.web}`;
  const shared = { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: domain };
  const base: Record<string, Record<string, string | undefined>> = {
    web: {
      ...shared,
      APP_BASE_URL: web,
      ORDERS_API_URL: `http://localhost:${ports.orders}`,
      PROFILE_API_URL: `http://localhost:${ports.profile}`,
    },
    'orders-api': {
      ...shared,
      PORT: String(ports.orders),
      CORS_ALLOWED_ORIGINS: web,
      // orders-api calls profile-api (registry `calls`): where this setup runs it.
      PROFILE_API_URL: `http://localhost:${ports.profile}`,
    },
    'profile-api': { ...shared, PORT: String(ports.profile), CORS_ALLOWED_ORIGINS: web },
    'local-idp': { PORT: String(ports.idp) },
  };
  for (const [app, vars] of Object.entries(edits)) base[app] = { ...base[app], ...vars };
  return base;
}

export interface DoctorOptions {
  readonly timeoutMs?: number;
  /** The real fetch by default. */
  readonly fetch?: FetchFn;
  /** `--production`. */
  readonly production?: boolean;
  /** The repo's files; by default this workspace's own, as the CLI reads them. */
  readonly files?: RepoFiles;
}

/** Runs the doctor as the CLI does, with the real fetch and clock, but this env. */
export function doctor(sources: EnvSources, options: DoctorOptions = {}): Promise<Report> {
  return runDoctor({
    sources,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    now: Date.now,
    timeoutMs: options.timeoutMs ?? 2000,
    ...(options.production === undefined ? {} : { production: options.production }),
    ...(options.files === undefined ? {} : { files: options.files }),
  });
}

/** The one row about `subject` (exact), failing the test with the whole report if absent. */
export function row(report: Report, subject: string): CheckResult {
  const found = report.results.filter((r) => r.subject === subject);
  if (found.length !== 1) {
    throw new Error(
      `expected one row "${subject}", found ${found.length}:\n${report.results.map((r) => `${r.status} ${r.subject}`).join('\n')}`,
    );
  }
  return found[0]!;
}

/**
 * A fetch that reaches nothing, as if no service ran: for tests of an env that points at the
 * registry's default ports, which a developer's own `pnpm dev` may be using on this machine.
 */
export const nothingListens: FetchFn = () =>
  Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
