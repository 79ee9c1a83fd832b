import { loadApiEnv, services, type ApiEnv, type ApiName, type EnvSource } from '@repo/auth-config';

/** The web app's dev origin: the one origin an API's CORS allows in tests. */
export const testWebOrigin = `http://localhost:${services.web.port}`;

/**
 * An API's env as its tests (and benchmarks) run it: trusting the local IdP at `issuer`, CORS for
 * the web app's dev origin, logs off. `overrides` wins over those.
 */
export function testApiConfig<N extends ApiName>(
  name: N,
  issuer: string,
  overrides: EnvSource = {},
): ApiEnv<N> {
  return loadApiEnv(name, {
    source: {
      USE_LOCAL_IDP: 'true',
      AUTH0_DOMAIN: issuer,
      CORS_ALLOWED_ORIGINS: testWebOrigin,
      LOG_LEVEL: 'silent',
      ...overrides,
    },
    log: () => {},
  });
}
