import { apiByAudience, apiEnvPrefix, apiNames, apis, type WebEnv } from '@repo/auth-config';
import { apiApp, webApp } from '../apps';
import type { LoadedEnvs } from './env';
import { fail, pass, skip, type CheckResult } from '../result';

const needsWeb = (group: 'audiences' | 'cors'): CheckResult =>
  skip(
    group,
    group === 'cors' ? 'CORS origins' : 'audiences',
    'needs a valid web env (see the env rows above)',
  );

/**
 * Check 3a. The web app asks the IdP for one token per audience it knows; an API whose
 * AUTH0_AUDIENCE is not among them gets tokens for someone else and answers 401.
 */
export function checkAudiences(loaded: LoadedEnvs): CheckResult[] {
  const { web } = loaded;
  if (!web) return [needsWeb('audiences')];
  const requested = apiNames.map((n) => web.apis[n].audience);
  const results: CheckResult[] = [];
  for (const name of apiNames) {
    const api = loaded.apis[name];
    if (!api) continue;
    const service = apis[name].serviceName;
    const subject = `${service} AUTH0_AUDIENCE`;
    const audience = api.auth0.audience;
    if (!requested.includes(audience)) {
      results.push(
        fail(
          'audiences',
          subject,
          `${service} accepts only "${audience}", which web never requests (web asks for ${requested.map((a) => `"${a}"`).join(', ')})`,
          `set ${apiEnvPrefix(name)}_API_AUDIENCE=${audience} in ${webApp.folder}, or AUTH0_AUDIENCE=${web.apis[name].audience} in ${apiApp(name).folder}: both must equal the Auth0 API Identifier`,
        ),
      );
    } else if (web.profile === 'local' && apiByAudience(audience) === undefined) {
      // The local IdP registers the registry's APIs only; it refuses any other audience.
      results.push(
        fail(
          'audiences',
          subject,
          `"${audience}" is not an API the local IdP knows (it registers the registry's audiences only)`,
          `unset AUTH0_AUDIENCE in ${apiApp(name).folder} and ${apiEnvPrefix(name)}_API_AUDIENCE in ${webApp.folder} to use "${apis[name].audience}"`,
        ),
      );
    } else results.push(pass('audiences', subject, `web requests "${audience}"`));
  }
  return results;
}

export const webOrigin = (web: WebEnv): string => new URL(web.appBaseUrl).origin;

/** Check 3b. Browser calls carry the web app's Origin; an API that does not list it is blocked. */
export function checkCors(loaded: LoadedEnvs): CheckResult[] {
  const { web } = loaded;
  if (!web) return [needsWeb('cors')];
  const origin = webOrigin(web);
  const results: CheckResult[] = [];
  for (const name of apiNames) {
    const api = loaded.apis[name];
    if (!api) continue;
    const subject = `${api.serviceName} CORS_ALLOWED_ORIGINS`;
    if (api.corsAllowedOrigins.includes(origin)) {
      results.push(pass('cors', subject, `allows the web origin ${origin}`));
    } else {
      results.push(
        fail(
          'cors',
          subject,
          `${api.corsAllowedOrigins.join(', ') || '(none)'} does not include the web origin ${origin} (APP_BASE_URL): browser calls are blocked`,
          `set CORS_ALLOWED_ORIGINS=${[...api.corsAllowedOrigins, origin].join(',')} in ${apiApp(name).folder}`,
        ),
      );
    }
  }
  return results;
}
