import {
  apiNames,
  EnvError,
  loadApiEnv,
  loadLocalIdpEnv,
  loadWebEnv,
  type ApiEnv,
  type ApiName,
  type LocalIdpEnv,
  type WebEnv,
} from '@repo/auth-config';
import { apiApp, localIdpApp, webApp, type AppRef, type EnvSources } from '../apps';
import { fail, pass, type CheckResult } from '../result';

/** What the loaders made of every app's env; an app whose loader threw is absent. */
export interface LoadedEnvs {
  readonly web: WebEnv | undefined;
  readonly apis: Readonly<Partial<Record<ApiName, ApiEnv>>>;
  readonly localIdp: LocalIdpEnv | undefined;
}

const quiet = () => {};

/**
 * Check 1: run each app's own loader, exactly as the app does at start-up, and turn its EnvError
 * into one row per problem, so the doctor can never disagree with the app about what is wrong.
 */
export function checkEnv(sources: EnvSources): { loaded: LoadedEnvs; results: CheckResult[] } {
  const results: CheckResult[] = [];
  const source = (app: AppRef) => sources[app.serviceName] ?? {};

  const web = attempt(webApp, results, () => loadWebEnv({ source: source(webApp), log: quiet }));
  const loadedApis: Partial<Record<ApiName, ApiEnv>> = {};
  for (const name of apiNames) {
    const app = apiApp(name);
    const env = attempt(app, results, () => loadApiEnv(name, { source: source(app), log: quiet }));
    if (env) loadedApis[name] = env;
  }
  const localIdp = attempt(localIdpApp, results, () =>
    loadLocalIdpEnv({ source: source(localIdpApp) }),
  );
  return { loaded: { web, apis: loadedApis, localIdp }, results };
}

function attempt<T>(app: AppRef, results: CheckResult[], load: () => T): T | undefined {
  try {
    const env = load();
    results.push(pass('env', app.serviceName, `valid${describeProfile(env)}`));
    return env;
  } catch (error) {
    if (error instanceof EnvError) {
      for (const p of error.problems) {
        results.push(
          fail(
            'env',
            `${app.serviceName} ${p.variable}`,
            p.problem,
            `${p.fix} (in ${app.folder}/.env.local)`,
          ),
        );
      }
    } else {
      results.push(
        fail(
          'env',
          app.serviceName,
          `the env loader failed: ${String(error)}`,
          'report this: the loader should only throw EnvError',
        ),
      );
    }
    return undefined;
  }
}

function describeProfile(env: unknown): string {
  const { profile, auth0 } = env as { profile?: string; auth0?: { issuer: string } };
  if (profile === 'local') return ` (local IdP profile, issuer ${auth0?.issuer})`;
  if (profile === 'auth0') return ` (Auth0 tenant, issuer ${auth0?.issuer})`;
  return '';
}
