import type { LocalIdpEnv } from '@repo/auth-config';

export class ProductionRefusal extends Error {}

/**
 * The dev IdP signs tokens for anyone who knows the public password: it must never run in
 * production by accident. USE_LOCAL_IDP=true (the E2E harness's production build) overrides
 * that, and then it says so on every start.
 */
export function refuseProduction(
  env: Pick<LocalIdpEnv, 'production' | 'allowProduction'>,
  warn: (line: string) => void,
): void {
  if (!env.production) return;
  if (!env.allowProduction) {
    throw new ProductionRefusal(
      'local-idp refuses to start with NODE_ENV=production: it is a development IdP with public passwords. ' +
        'Use a real Auth0 tenant, or set USE_LOCAL_IDP=true if this is a local production build (E2E).',
    );
  }
  warn(
    '!!! WARNING: local-idp is running with NODE_ENV=production because USE_LOCAL_IDP=true. Never expose it to real users. !!!',
  );
}
