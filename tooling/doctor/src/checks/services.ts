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
}

/**
 * Where each service should be answering: the URLs the web app uses (that is what matters to a
 * user), else the registry's default ports. The local IdP only under the local profile.
 */
export function serviceTargets(loaded: LoadedEnvs): ServiceTarget[] {
  const { web } = loaded;
  const profile: IdpProfile = web?.profile ?? 'local';
  const targets: ServiceTarget[] = [
    {
      app: webApp,
      baseUrl: web?.appBaseUrl ?? `http://localhost:${services.web.port}`,
      probe: '/readyz',
      profile,
    },
  ];
  for (const name of apiNames) {
    const own = loaded.apis[name];
    const baseUrl = web?.apis[name].url || `http://localhost:${own?.port ?? apis[name].port}`;
    targets.push({ app: apiApp(name), baseUrl, probe: '/readyz', profile });
  }
  if (profile === 'local') {
    const baseUrl =
      web?.auth0.domainUrl ??
      `http://localhost:${loaded.localIdp?.port ?? services['local-idp'].port}`;
    targets.push({ app: localIdpApp, baseUrl, probe: '/healthz', profile });
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
  const start =
    target.profile === 'local'
      ? `start it: \`pnpm dev\` (or \`pnpm --filter ${app.packageName} dev\` alone)`
      : `start or deploy ${app.serviceName}, or fix the URL the web app uses for it`;
  const health = await get(deps, `${baseUrl}/healthz`);
  if (!health.ok)
    return fail('services', subject, `not reachable at ${baseUrl}: ${health.error}`, start);
  if (probe === '/healthz') {
    if (health.response.status === 200) return pass('services', subject, `up at ${baseUrl}`);
    return fail(
      'services',
      subject,
      `${baseUrl}/healthz answered ${health.response.status}`,
      `is something else listening at ${baseUrl}? ${start}`,
    );
  }
  const ready = await get(deps, `${baseUrl}/readyz`);
  if (!ready.ok) return fail('services', subject, `${baseUrl}/readyz: ${ready.error}`, start);
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
  return fail(
    'services',
    subject,
    detail,
    `see ${app.serviceName}'s log: /readyz fails while its database does not answer (check DATABASE_URL) or while it shuts down`,
  );
}
