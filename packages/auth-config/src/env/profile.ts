import { read, type EnvSource } from './source';

export type IdpProfile = 'local' | 'auth0';

export interface ProfileDecision {
  readonly profile: IdpProfile;
  readonly production: boolean;
  /** Set when the local profile runs under NODE_ENV=production: every app logs it loudly. */
  readonly productionOverride: boolean;
}

/** NODE_ENV values under which a missing AUTH0_DOMAIN means "the local IdP": unset is one too. */
export const localNodeEnvs = ['development', 'test'] as const;

/**
 * The ONE switch for local-only behaviour (docs/architecture.md, "Which IdP is used"): the local
 * profile is on when USE_LOCAL_IDP=true, or when AUTH0_DOMAIN is unset and NODE_ENV is unset,
 * `development` or `test`. Any other NODE_ENV (`production`, but also `prod` or `staging`) without
 * AUTH0_DOMAIN is the tenant profile, whose loader then says AUTH0_DOMAIN is missing: a typo in
 * NODE_ENV must never make a deployed API trust http://localhost:4000/.
 */
export function decideProfile(source: EnvSource): ProfileDecision {
  const nodeEnv = read(source, 'NODE_ENV');
  const production = nodeEnv === 'production';
  const explicit = read(source, 'USE_LOCAL_IDP') === 'true';
  const devLike = nodeEnv === undefined || (localNodeEnvs as readonly string[]).includes(nodeEnv);
  const local = explicit || (devLike && read(source, 'AUTH0_DOMAIN') === undefined);
  return {
    profile: local ? 'local' : 'auth0',
    production,
    productionOverride: local && production,
  };
}

export type Logger = (message: string) => void;

/**
 * Notices already given in this process. On globalThis, not in module state: Next.js loads this
 * module once per bundle (the proxy, the pages, each route handler), and a module-level set would
 * repeat "No Auth0 tenant configured" once per bundle.
 */
const said: Set<string> = ((globalThis as { [k: symbol]: Set<string> | undefined })[
  Symbol.for('repo.auth-config.notices')
] ??= new Set());

/** Logs a notice at most once per process: loaders may run more than once (tests, reloads). */
export function sayOnce(log: Logger, key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  log(message);
}

export function announceProfile(app: string, decision: ProfileDecision, log: Logger): void {
  if (decision.productionOverride) {
    // Once per process, so every start says it (a production process running the local IdP
    // must never be quiet about it), but not once per Next.js bundle that loads the env.
    sayOnce(
      log,
      `production-override:${app}`,
      `!!! WARNING (${app}): USE_LOCAL_IDP=true with NODE_ENV=production. This process trusts the ` +
        `LOCAL development IdP and its public dev secrets. Never expose it to real users. !!!`,
    );
  } else if (decision.profile === 'local') {
    sayOnce(
      log,
      `local-profile:${app}`,
      `[${app}] No Auth0 tenant configured (AUTH0_DOMAIN unset): using the local IdP profile.`,
    );
  }
}
