import {
  apiEnvPrefix,
  apiNames,
  localServiceClient,
  type ApiEnv,
  type CalleeTarget,
} from '@repo/auth-config';
import { apiApp } from '../apps';
import type { HttpDeps } from '../http';
import type { LoadedEnvs } from './env';
import { fail, pass, type CheckResult } from '../result';

/** An API that calls others, with the callees it declares (registry `calls`). */
function callers(loaded: LoadedEnvs): { env: ApiEnv; targets: CalleeTarget[] }[] {
  return apiNames.flatMap((name) => {
    const env = loaded.apis[name];
    if (!env?.clientCredentials) return [];
    return [{ env, targets: Object.values(env.calls as Readonly<Record<string, CalleeTarget>>) }];
  });
}

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Without the network: each calling API has an M2M client of its own (never the web app's,
 * whose grants and secret are for users' sessions), asks for the audience the callee accepts,
 * and, on this machine, calls the port the callee listens on.
 */
export function checkServiceWiring(loaded: LoadedEnvs): CheckResult[] {
  const results: CheckResult[] = [];
  for (const { env, targets } of callers(loaded)) {
    const folder = apiApp(env.app).folder;
    const clientId = env.clientCredentials!.clientId;
    if (loaded.web && loaded.web.auth0.clientId === clientId) {
      results.push(
        fail(
          'calls',
          `${env.serviceName} AUTH0_CLIENT_ID`,
          `"${clientId}" is the web app's client: ${env.serviceName} would call as the web app, with its secret and grants`,
          `give ${env.serviceName} its own machine-to-machine application ("${env.serviceName}" in infra/auth0) and set its AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET in ${folder}`,
        ),
      );
    } else {
      results.push(
        pass('calls', `${env.serviceName} AUTH0_CLIENT_ID`, `its own M2M client "${clientId}"`),
      );
    }
    for (const target of targets) {
      const callee = loaded.apis[target.name];
      const prefix = apiEnvPrefix(target.name);
      if (callee && callee.auth0.audience !== target.audience) {
        results.push(
          fail(
            'calls',
            `${env.serviceName} ${prefix}_API_AUDIENCE`,
            `${env.serviceName} asks for tokens for "${target.audience}", but ${target.serviceName} accepts only "${callee.auth0.audience}": every call answers 401`,
            `set ${prefix}_API_AUDIENCE=${callee.auth0.audience} in ${folder}`,
          ),
        );
      }
      const url = new URL(target.url);
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      if (callee && loopback.has(url.hostname) && port !== callee.port) {
        results.push(
          fail(
            'calls',
            `${env.serviceName} ${prefix}_API_URL`,
            `${env.serviceName} calls ${target.serviceName} at ${target.url}, but ${target.serviceName} listens on PORT=${callee.port}`,
            `set ${prefix}_API_URL=http://${url.hostname}:${callee.port} in ${folder}, or PORT=${port} in ${apiApp(target.name).folder}`,
          ),
        );
      }
    }
  }
  return results;
}

/**
 * Against the IdP: each calling API asks for one client-credentials token per API it calls,
 * exactly as it will at runtime, so a wrong secret (invalid_client) or a missing client grant
 * (access_denied) shows here rather than on the first admin page. This SPENDS one M2M token per
 * declared call (Auth0 counts each against the tenant's quota); the rows say so.
 */
export async function checkServiceTokens(
  loaded: LoadedEnvs,
  deps: HttpDeps,
): Promise<CheckResult[]> {
  const checks = callers(loaded).flatMap(({ env, targets }) =>
    targets.map((target) => checkOneGrant(env, target, deps)),
  );
  return Promise.all(checks);
}

async function checkOneGrant(
  env: ApiEnv,
  target: CalleeTarget,
  deps: HttpDeps,
): Promise<CheckResult> {
  const { profile } = env;
  const { tokenUrl, clientId, clientSecret } = env.clientCredentials!;
  const subject = `${env.serviceName} → ${target.serviceName}`;
  const folder = apiApp(env.app).folder;
  const scopes = target.scopes.join(' ');
  const spent = 'one M2M token spent on this check';
  const configure =
    profile === 'local'
      ? `unset AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET in ${folder}: the local IdP's client for ${env.serviceName} is "${localServiceClient(env.app).clientId}"`
      : `in the Auth0 dashboard, authorize the "${env.serviceName}" application on the API ${target.audience} with ${scopes} (or import infra/auth0), and check AUTH0_CLIENT_ID/SECRET in ${folder}`;
  let status: number;
  let body: {
    error?: unknown;
    error_description?: unknown;
    scope?: unknown;
    access_token?: unknown;
  };
  try {
    const res = await deps.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        audience: target.audience,
        scope: scopes,
      }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    status = res.status;
    body = ((await res.json().catch(() => ({}))) ?? {}) as typeof body;
  } catch (error) {
    const reason =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `no answer within ${deps.timeoutMs} ms`
        : ((error as { cause?: { code?: string } }).cause?.code ?? String(error));
    return fail(
      'calls',
      subject,
      `the token endpoint ${tokenUrl} is unreachable (${reason})`,
      profile === 'local' ? 'start the local IdP: `pnpm dev`' : 'check AUTH0_DOMAIN',
    );
  }
  const said =
    typeof body.error === 'string'
      ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}`
      : `HTTP ${status}`;
  if (status !== 200 || typeof body.access_token !== 'string') {
    const wrongCredentials = body.error === 'invalid_client' || status === 401;
    return fail(
      'calls',
      subject,
      `the IdP refused ${env.serviceName}'s client "${clientId}" a token for ${target.audience} (${status} ${said})`,
      wrongCredentials
        ? `AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET in ${folder} are not a valid pair: copy both from the "${env.serviceName}" application`
        : configure,
    );
  }
  const granted = new Set(String(body.scope ?? scopes).split(' '));
  const missing = target.scopes.filter((s) => !granted.has(s));
  if (missing.length > 0) {
    return fail(
      'calls',
      subject,
      `the token lacks ${missing.join(' ')} (granted: ${[...granted].join(' ') || 'nothing'}; ${spent})`,
      configure,
    );
  }
  return pass(
    'calls',
    subject,
    `client "${clientId}" gets ${scopes} for ${target.audience} (${spent})`,
  );
}
