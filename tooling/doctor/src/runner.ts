import { apiNames, findWorkspaceRoot, type IdpProfile } from '@repo/auth-config';
import { registryApps, type EnvSources } from './apps';
import { checkAudiences, checkCors } from './checks/audiences';
import { checkClock } from './checks/clock';
import { checkEnv, type LoadedEnvs } from './checks/env';
import { checkIssuer, type IssuerTarget } from './checks/issuer';
import { envWithLegacyNames } from './checks/legacy-names';
import { checkLogin, probeLogin } from './checks/login';
import { checkProxyFile } from './checks/proxy-file';
import { checkRedirects } from './checks/redirects';
import { checkCookieScheme } from './checks/scheme';
import { checkSessions, pingRedis } from './checks/sessions';
import { checkTenantFiles } from './checks/tenant-files';
import { checkTrustProxy } from './checks/trust-proxy';
import { checkService, serviceTargets } from './checks/services';
import { checkServiceTokens, checkServiceWiring } from './checks/service-calls';
import { checkWildcards } from './checks/wildcard';
import { checkWiring } from './checks/wiring';
import { repoFiles, type RepoFiles } from './files';
import type { FetchFn } from './http';
import { failing, skip, type CheckResult } from './result';

export interface DoctorInput {
  /** Each app's environment by service name; the CLI reads process env + each app's .env files. */
  readonly sources: EnvSources;
  readonly fetch: FetchFn;
  /** Milliseconds since the epoch; the clock check compares it with the issuer's. */
  readonly now: () => number;
  /** Per request. */
  readonly timeoutMs?: number;
  /**
   * `--production`: evaluate every app with NODE_ENV=production, as `next start` and a deployed
   * API run. Otherwise each app's own NODE_ENV (usually unset: what `pnpm dev` runs).
   */
  readonly production?: boolean;
  /** The repo's files (apps/web's proxy, infra/auth0); the workspace this runs in by default. */
  readonly files?: RepoFiles;
}

export interface Report {
  readonly ok: boolean;
  /** The web app's profile, when its env loaded. */
  readonly profile: IdpProfile | undefined;
  /** The NODE_ENV each app was evaluated with (undefined: unset), and whether --production set it. */
  readonly nodeEnv: {
    readonly production: boolean;
    readonly apps: Readonly<Record<string, string | undefined>>;
  };
  readonly results: readonly CheckResult[];
}

export const defaultTimeoutMs = 3000;

/** Every app's source, with NODE_ENV=production when asked: the loaders then decide as the apps will. */
function evaluatedSources(sources: EnvSources, production: boolean): EnvSources {
  if (!production) return sources;
  return Object.fromEntries(
    registryApps().map((app) => [
      app.serviceName,
      { ...sources[app.serviceName], NODE_ENV: 'production' },
    ]),
  );
}

/** Runs every check in the order the report shows them; network checks run concurrently. */
export async function runDoctor(input: DoctorInput): Promise<Report> {
  const deps = {
    fetch: input.fetch,
    now: input.now,
    timeoutMs: input.timeoutMs ?? defaultTimeoutMs,
  };
  const production = input.production ?? false;
  const files = input.files ?? repoFiles(findWorkspaceRoot());
  const sources = evaluatedSources(input.sources, production);
  const env = checkEnv(sources);
  const { loaded } = env;

  const [issuers, login, redirects, sessions, serviceTokens, servicesChecked] = await Promise.all([
    Promise.all(
      issuerTargets(loaded).map(async (t) => ({ target: t, ...(await checkIssuer(t, deps)) })),
    ),
    probeLogin(loaded.web, deps),
    checkRedirects(loaded.web, deps),
    checkSessions(loaded.web, { ping: pingRedis, timeoutMs: deps.timeoutMs }),
    checkServiceTokens(loaded, deps),
    Promise.all(serviceTargets(loaded, { production }).map((t) => checkService(t, deps))),
  ]);
  const webIssuer = issuers.find((i) => i.target.issuer === loaded.web?.auth0.issuer);
  const signIn = await checkLogin(loaded.web, login, webIssuer?.authorizationEndpoint);

  const results: CheckResult[] = [
    ...envWithLegacyNames(env.results, sources, loaded),
    ...checkWiring(loaded),
    ...checkTrustProxy(loaded.apis),
    ...(issuers.length > 0
      ? issuers.flatMap((i) => i.results)
      : [
          skip(
            'issuer',
            'issuer',
            'needs a valid env in at least one app (see the env rows above)',
          ),
        ]),
    ...issuers.map((i) => checkClock(i.clock, i.target.issuer)),
    ...checkAudiences(loaded),
    ...checkCors(loaded),
    ...checkWildcards(sources),
    ...redirects,
    ...checkTenantFiles(files),
    ...checkProxyFile(files),
    signIn.route,
    ...sessions,
    checkCookieScheme(loaded.web),
    signIn.cookie,
    ...checkServiceWiring(loaded),
    ...serviceTokens,
    ...servicesChecked,
  ];
  return {
    ok: !results.some(failing),
    profile: loaded.web?.profile,
    nodeEnv: {
      production,
      apps: Object.fromEntries(
        registryApps().map((app) => [app.serviceName, nodeEnvOf(sources, app.serviceName)]),
      ),
    },
    results,
  };
}

function nodeEnvOf(sources: EnvSources, serviceName: string): string | undefined {
  const value = sources[serviceName]?.NODE_ENV?.trim();
  return value ? value : undefined;
}

/** Every distinct issuer the apps trust: normally one; two means the wiring check failed too. */
function issuerTargets(loaded: LoadedEnvs): IssuerTarget[] {
  const all = [loaded.web, ...apiNames.map((n) => loaded.apis[n])].filter((e) => e !== undefined);
  const byIssuer = new Map<string, IssuerTarget>();
  for (const env of all) {
    if (!byIssuer.has(env.auth0.issuer))
      byIssuer.set(env.auth0.issuer, { ...env.auth0, profile: env.profile });
  }
  return [...byIssuer.values()];
}
