import { apiEnvPrefix, apiNames, apis, type ApiName, type WebEnv } from '@repo/auth-config';
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
 * Check 3a. For each API, web asks the IdP for a token with its <NAME>_API_AUDIENCE and the API
 * accepts only its AUTH0_AUDIENCE: when they differ, every call answers 401.
 */
export function checkAudiences(loaded: LoadedEnvs): CheckResult[] {
  const { web } = loaded;
  if (!web) return [needsWeb('audiences')];
  const results: CheckResult[] = [];
  for (const name of apiNames) {
    const api = loaded.apis[name];
    if (!api) continue;
    const service = apis[name].serviceName;
    const subject = `${service} AUTH0_AUDIENCE`;
    const accepted = api.auth0.audience;
    const asked = web.apis[name].audience;
    const registry = apis[name].audience;
    if (asked !== accepted) {
      results.push(
        fail(
          'audiences',
          subject,
          `${service} accepts only "${accepted}", but web asks for "${asked}" when it calls ${service}: every call answers 401`,
          mismatchFix(name, { asked, accepted, registry }),
        ),
      );
    } else if (web.profile === 'local' && accepted !== registry) {
      // The local IdP registers the registry's APIs only; it refuses any other audience.
      results.push(
        fail(
          'audiences',
          subject,
          `"${accepted}" is not an API the local IdP knows for ${service} (it registers the registry's audiences only)`,
          `unset AUTH0_AUDIENCE in ${apiApp(name).folder} and ${apiEnvPrefix(name)}_API_AUDIENCE in ${webApp.folder} to use "${registry}"`,
        ),
      );
    } else results.push(pass('audiences', subject, `web requests "${accepted}"`));
  }
  return results;
}

/**
 * Move the side that left the registry back to it: setting the other side to match a typo only
 * moves the failure to the IdP, which issues tokens for the registry's audiences (the tenant in
 * infra/auth0 is generated from it).
 */
function mismatchFix(
  name: ApiName,
  a: { asked: string; accepted: string; registry: string },
): string {
  const apiFolder = apiApp(name).folder;
  const webVariable = `${apiEnvPrefix(name)}_API_AUDIENCE`;
  if (a.asked === a.registry)
    return `unset AUTH0_AUDIENCE in ${apiFolder} (the registry's is ${a.registry}, which web asks for)`;
  if (a.accepted === a.registry)
    return `unset ${webVariable} in ${webApp.folder} (the registry's is ${a.registry}, which ${apis[name].serviceName} accepts)`;
  return `make them equal, preferably the registry's ${a.registry}: unset ${webVariable} in ${webApp.folder} and AUTH0_AUDIENCE in ${apiFolder}; or set both to the same Auth0 API Identifier`;
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
