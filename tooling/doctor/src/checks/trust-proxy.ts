import type { ApiEnv, ApiName } from '@repo/auth-config';
import { pass, warn, type CheckResult } from '../result';

/** How an API's TRUST_PROXY reads in words. */
function describe(trustProxy: ApiEnv['trustProxy']): string {
  if (trustProxy === false) return 'no proxy trusted: the socket address is the client';
  if (typeof trustProxy === 'number')
    return `trusts ${trustProxy} proxy hop${trustProxy === 1 ? '' : 's'} (X-Forwarded-For)`;
  return `trusts proxies at ${trustProxy.join(', ')} (X-Forwarded-For)`;
}

/**
 * Each API's TRUST_PROXY, and a warning for a production API that trusts none: behind a load
 * balancer every client would then share its address, and one client's bad tokens would lock the
 * others out of the per-client invalid-token limit (docs/security.md, "Deploying behind a proxy").
 */
export function checkTrustProxy(apis: Readonly<Partial<Record<ApiName, ApiEnv>>>): CheckResult[] {
  return Object.values(apis).map((env) => {
    const subject = `${env.serviceName} TRUST_PROXY`;
    if (env.production && env.trustProxy === false) {
      return warn(
        'env',
        subject,
        `${describe(env.trustProxy)}; behind a load balancer every client would share its address`,
        'set TRUST_PROXY to the number of proxies in front of the API (e.g. 1), or their CIDRs; leave it unset only when clients connect directly',
      );
    }
    return pass('env', subject, describe(env.trustProxy));
  });
}
