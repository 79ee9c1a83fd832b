import { apis, type ApiName, type ScopeKind, type WebEnv } from '@repo/auth-config';
import type { TokenRequest } from './broker';

/** The APIs the browser calls on their own origin (the CORS demo on the orders page). */
export const browserCalledApis: readonly ApiName[] = ['orders'];

/** What a browser token for `api` may do: read, on that API's audience, nothing more. */
export function browserTokenScope(env: WebEnv, api: string): TokenRequest | undefined {
  const name = browserCalledApis.find((n) => n === api);
  if (!name) return undefined;
  const read = (apis[name].scopes as Partial<Record<ScopeKind, string>>).read;
  return read ? { audience: env.apis[name].audience, scope: read } : undefined;
}
