import { apiNames, apis, services, type IdpProfile } from '@repo/auth-config';
import { apiApp, localIdpApp, webApp, type AppRef } from '../apps';
import { bodySummary, get, type HttpDeps } from '../http';
import type { LoadedEnvs } from './env';
import { fail, pass, type CheckResult } from '../result';

export interface ServiceTarget {
  readonly app: AppRef;
  readonly baseUrl: string;
  /** `/readyz` for web and the APIs; the local IdP has only `/healthz`. */
  readonly probe: '/readyz' | '/healthz';
  readonly profile: IdpProfile;
  /** What to do when it is up but /readyz fails: each app's own reasons, in its own variables. */
  readonly notReadyFix: string;
}

/**
 * web's /readyz fails only while its env does not load. When the doctor loads the same env
 * fine, the running web sees another one: most often `next start` (NODE_ENV=production)
 * without the production env, which `--production` shows.
 */
function webNotReadyFix(loaded: LoadedEnvs, production: boolean): string {
  if (!loaded.web) return 'fix the web env rows above, then restart web';
  if (!production)
    return "web's env loader refuses the env it runs with, though the doctor finds web's env valid: `next start` runs it with NODE_ENV=production, so run `pnpm auth:doctor --production` (web's log names every variable it refuses)";
  return "web's log names every variable its env loader refuses: the running web sees another env than this shell and apps/web's .env files";
}

const apiNotReadyFix = (serviceName: string) =>
  `see ${serviceName}'s log: /readyz fails while its database does not answer (check DATABASE_URL) or while it shuts down`;

/**
 * Where each service should be answering: the URLs the web app uses (that is what matters to a
 * user), else the registry's default ports. The local IdP only under the local profile.
 */
export function serviceTargets(
  loaded: LoadedEnvs,
  options: { production: boolean },
): ServiceTarget[] {
  const { web } = loaded;
  const profile: IdpProfile = web?.profile ?? 'local';
  const targets: ServiceTarget[] = [
    {
      app: webApp,
      baseUrl: web?.appBaseUrl ?? `http://localhost:${services.web.port}`,
      probe: '/readyz',
      profile,
      notReadyFix: webNotReadyFix(loaded, options.production),
    },
  ];
  for (const name of apiNames) {
    const own = loaded.apis[name];
    const baseUrl = web?.apis[name].url || `http://localhost:${own?.port ?? apis[name].port}`;
    const app = apiApp(name);
    targets.push({
      app,
      baseUrl,
      probe: '/readyz',
      profile,
      notReadyFix: apiNotReadyFix(app.serviceName),
    });
  }
  if (profile === 'local') {
    const baseUrl =
      web?.auth0.domainUrl ??
      `http://localhost:${loaded.localIdp?.port ?? services['local-idp'].port}`;
    targets.push({
      app: localIdpApp,
      baseUrl,
      probe: '/healthz',
      profile,
      notReadyFix: start(localIdpApp, profile),
    });
  }
  return targets;
}

/** Check 6: the service answers at all (/healthz), then that it can serve (/readyz). */
export async function checkService(
  target: ServiceTarget,
  deps: HttpDeps & { now: () => number },
): Promise<CheckResult> {
  const { app, baseUrl, probe } = target;
  const subject = `${app.serviceName} ${probe}`;
  const started = start(app, target.profile);
  const health = await get(deps, `${baseUrl}/healthz`);
  if (!health.ok)
    return fail('services', subject, `not reachable at ${baseUrl}: ${health.error}`, started);
  if (probe === '/healthz') {
    if (health.response.status === 200) return pass('services', subject, `up at ${baseUrl}`);
    return fail(
      'services',
      subject,
      `${baseUrl}/healthz answered ${health.response.status}`,
      `is something else listening at ${baseUrl}? ${started}`,
    );
  }
  const ready = await get(deps, `${baseUrl}/readyz`);
  if (!ready.ok) return fail('services', subject, `${baseUrl}/readyz: ${ready.error}`, started);
  if (ready.response.status === 200) return pass('services', subject, `ready at ${baseUrl}`);
  const said = await bodySummary(ready.response);
  const detail = `up, but ${baseUrl}/readyz answered ${ready.response.status}${said ? `: ${said}` : ''}`;
  if (ready.response.status === 404) {
    // Ours always have /readyz: something else holds the port, or the URL names the wrong thing.
    return fail(
      'services',
      subject,
      detail,
      `something other than ${app.serviceName} answers at ${baseUrl}: free the port or fix the URL`,
    );
  }
  return fail('services', subject, detail, target.notReadyFix);
}

function start(app: AppRef, profile: IdpProfile): string {
  return profile === 'local'
    ? `start it: \`pnpm dev\` (or \`pnpm --filter ${app.packageName} dev\` alone)`
    : `start or deploy ${app.serviceName}, or fix the URL the web app uses for it`;
}
