import { read, type EnvSource } from './source';

export type IdpProfile = 'local' | 'auth0';

export interface ProfileDecision {
  readonly profile: IdpProfile;
  readonly production: boolean;
  /** Set when the local profile runs under NODE_ENV=production: every app logs it loudly. */
  readonly productionOverride: boolean;
}

/**
 * The ONE switch for local-only behaviour (ARCHITECTURE.md, Conventions): the local profile is
 * on when USE_LOCAL_IDP=true, or when AUTH0_DOMAIN is unset outside production. Nothing else
 * (not a secret, not an insecure URL) turns it on.
 */
export function decideProfile(source: EnvSource): ProfileDecision {
  const production = read(source, 'NODE_ENV') === 'production';
  const explicit = read(source, 'USE_LOCAL_IDP') === 'true';
  const local = explicit || (!production && read(source, 'AUTH0_DOMAIN') === undefined);
  return {
    profile: local ? 'local' : 'auth0',
    production,
    productionOverride: local && production,
  };
}

export type Logger = (message: string) => void;

const said = new Set<string>();

/** Logs a notice at most once per process: loaders may run more than once (tests, reloads). */
export function sayOnce(log: Logger, key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  log(message);
}

export function announceProfile(app: string, decision: ProfileDecision, log: Logger): void {
  if (decision.productionOverride) {
    // Not deduplicated: a production process running the local IdP must never be quiet about it.
    log(
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
