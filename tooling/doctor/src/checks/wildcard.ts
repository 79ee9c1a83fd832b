import { apiEnvVariablesOf, apiNames, apis, services, webEnvVariables } from '@repo/auth-config';
import { apiApp, webApp, type AppRef, type EnvSources } from '../apps';
import { fail, pass, type CheckResult } from '../result';

/** Variables that name origins, URLs or audiences: a `*` in any of them is never what you want. */
const scanned = (app: AppRef): readonly string[] => {
  if (app === webApp)
    return webEnvVariables().filter((v) => v !== 'AUTH0_CLIENT_SECRET' && v !== 'AUTH0_SECRET');
  const api = apiNames.find((name) => apis[name].serviceName === app.serviceName);
  return (api ? apiEnvVariablesOf(api) : []).filter(
    (v) =>
      v === 'CORS_ALLOWED_ORIGINS' ||
      v === 'AUTH0_AUDIENCE' ||
      v === 'AUTH0_DOMAIN' ||
      v.endsWith('_API_URL') ||
      v.endsWith('_API_AUDIENCE'),
  );
};

/**
 * Check 3c: no wildcard anywhere. It reads the raw values rather than the loaded config, because
 * a loader rejects `*` and then there is no config left to look at; the user still deserves a
 * row that says "wildcard" and why it is refused.
 */
export function checkWildcards(sources: EnvSources): CheckResult[] {
  const results: CheckResult[] = [];
  for (const app of [webApp, ...apiNames.map(apiApp)]) {
    const source = sources[app.serviceName] ?? {};
    for (const variable of scanned(app)) {
      const value = source[variable];
      if (value === undefined || !value.includes('*')) continue;
      results.push(
        fail(
          variable === 'CORS_ALLOWED_ORIGINS' ? 'cors' : 'env',
          `${app.serviceName} ${variable}`,
          `"${value.trim()}" contains a wildcard`,
          variable === 'CORS_ALLOWED_ORIGINS'
            ? `list exact origins instead, e.g. CORS_ALLOWED_ORIGINS=http://localhost:${services.web.port} (a wildcard lets any website call the API from a signed-in browser)`
            : `set ${variable} to one exact value; wildcards are not matched by Auth0 or the apps`,
        ),
      );
    }
  }
  if (results.length === 0)
    results.push(pass('cors', 'wildcards', 'no wildcard in any origin, URL or audience'));
  return results;
}
