import type { ApiName } from '@repo/auth-config';
import { accessTokenFor, tokenFailure } from '../tokens/web-broker';
import { webEnv } from '../web-env';
import { createApiHttp, type ApiHttp, type ApiTiming } from './http-client';
import { ordersClient } from './orders-client';
import { profileClient } from './profile-client';
import { webLogger } from '../observability/logger';
import { webMetrics } from '../observability/metrics';

/** Long enough for a cold API, short enough that a dead one does not hold the page. */
export const apiTimeoutMs = 5_000;

function logTiming(t: ApiTiming): void {
  webMetrics().apiCallDuration.observe(
    { api: t.api, status: String(t.status ?? 'none') },
    t.durationMs / 1000,
  );
  // Start and end offsets in ms let anyone see from the log that parallel calls overlap.
  webLogger().info(
    { api: t.api, status: t.status, requestId: t.requestId, ms: t.durationMs },
    `api=${t.api} ${t.method} ${t.path} status=${t.status ?? '-'} start=${t.startedAt} ` +
      `end=${t.startedAt + t.durationMs} ms=${t.durationMs} requestId=${t.requestId}`,
  );
}

const refusalsLogged = new Map<string, number>();

/**
 * What the API said when it refused the token, in the server log: the one place a person looks
 * when every card says the same. Once a minute per distinct answer, not once per request.
 */
function logRefusal(r: {
  api: string;
  status: number;
  error?: string;
  description?: string;
}): void {
  const key = `${r.api} ${r.status} ${r.error} ${r.description}`;
  if (Date.now() - (refusalsLogged.get(key) ?? 0) < 60_000) return;
  refusalsLogged.set(key, Date.now());
  webLogger().warn(
    `${r.api}-api refused the token: ${r.status} ${r.error ?? ''} "${r.description ?? ''}"${
      /\b(aud|iss)\b/.test(r.description ?? '')
        ? ' (a configuration error: compare AUTH0_AUDIENCE / AUTH0_DOMAIN with the registry; pnpm auth:doctor)'
        : ''
    }`,
  );
}

function httpFor(name: ApiName): ApiHttp {
  const target = webEnv().apis[name];
  return createApiHttp({
    api: name,
    baseUrl: target.url,
    timeoutMs: apiTimeoutMs,
    getToken: () => accessTokenFor({ audience: target.audience }),
    tokenFailureKind: (error) => tokenFailure(error, target.audience),
    onRefusal: logRefusal,
    onTiming: logTiming,
  });
}

/** Server-side clients for the signed-in user (server components, server actions). */
export function serverApis() {
  return {
    orders: ordersClient(httpFor('orders')),
    profile: profileClient(httpFor('profile')),
    // generator:clients:start (pnpm gen api-service adds each new API's client here)
    // generator:clients:end
  };
}

export type ServerApis = ReturnType<typeof serverApis>;
