import { apiNames, type IdpProfile } from '@repo/auth-config';
import type { EnvSources } from './apps';
import { checkAudiences, checkCors } from './checks/audiences';
import { checkClock } from './checks/clock';
import { checkEnv, type LoadedEnvs } from './checks/env';
import { checkIssuer, type IssuerTarget } from './checks/issuer';
import { checkRedirects } from './checks/redirects';
import { checkSessions, pingRedis } from './checks/sessions';
import { checkTrustProxy } from './checks/trust-proxy';
import { checkService, serviceTargets } from './checks/services';
import { checkServiceTokens, checkServiceWiring } from './checks/service-calls';
import { checkWildcards } from './checks/wildcard';
import { checkWiring } from './checks/wiring';
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
}

export interface Report {
  readonly ok: boolean;
  /** The web app's profile, when its env loaded. */
  readonly profile: IdpProfile | undefined;
  readonly results: readonly CheckResult[];
}

export const defaultTimeoutMs = 3000;

/** Runs every check in the order the report shows them; network checks run concurrently. */
export async function runDoctor(input: DoctorInput): Promise<Report> {
  const deps = {
    fetch: input.fetch,
    now: input.now,
    timeoutMs: input.timeoutMs ?? defaultTimeoutMs,
  };
  const env = checkEnv(input.sources);
  const { loaded } = env;

  const [issuers, redirects, sessions, serviceTokens, servicesChecked] = await Promise.all([
    Promise.all(
      issuerTargets(loaded).map(async (t) => ({ target: t, ...(await checkIssuer(t, deps)) })),
    ),
    checkRedirects(loaded.web, deps),
    checkSessions(loaded.web, { ping: pingRedis, timeoutMs: deps.timeoutMs }),
    checkServiceTokens(loaded, deps),
    Promise.all(serviceTargets(loaded).map((t) => checkService(t, deps))),
  ]);

  const results: CheckResult[] = [
    ...env.results,
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
    ...checkWildcards(input.sources),
    ...redirects,
    ...sessions,
    ...checkServiceWiring(loaded),
    ...serviceTokens,
    ...servicesChecked,
  ];
  return { ok: !results.some(failing), profile: loaded.web?.profile, results };
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
