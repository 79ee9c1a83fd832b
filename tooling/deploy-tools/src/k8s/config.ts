/**
 * Each app's non-secret env, per environment, as a ConfigMap; its secrets are a Secret the
 * cluster holds under a fixed name (`<app>-secrets`), never written here. Both are read with
 * envFrom; PORT and METRICS_PORT are in the Deployment.
 */
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { calleesOf, internalApiUrl, type DeployApi, type DeployRegistry } from '../stack/registry';
import type { ClusterEnvironment } from './environments';
import { configMapName, labelsOf } from './labels';

/** The keys each app's Secret must hold (docs/deploying.md); the test checks they are the loaders' names. */
export const secretKeys = {
  web: ['AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET', 'AUTH0_SECRET', 'SESSION_STORE_URL'],
  api: ['DATABASE_URL'],
  /** An API that calls others also holds its own M2M application's credentials. */
  caller: ['AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET'],
} as const;

export const publicApiUrl = (api: DeployApi, env: ClusterEnvironment) =>
  `https://${api.name}.${env.apiDomain}`;

/**
 * TRUST_PROXY behind this environment's ingress: the number of proxies that append
 * X-Forwarded-For. Only the ingress controller (and web, or a declared caller, which do not set
 * the header) can reach an API, so a hop count cannot be spoofed from outside.
 */
export const trustProxyFor = (env: ClusterEnvironment) => String(env.ingress.proxyHops);

function configMap(name: string, component: 'web' | 'api', data: Record<string, string>) {
  return new ConfigMap({
    metadata: { name: configMapName(name), labels: labelsOf(name, component) },
    data,
  });
}

export function configMaps(
  registry: DeployRegistry,
  apis: readonly DeployApi[],
  env: ClusterEnvironment,
): ConfigMap[] {
  return [
    configMap(registry.web.serviceName, 'web', {
      AUTH0_DOMAIN: env.auth0Domain,
      APP_BASE_URL: env.webBaseUrls[0]!,
      ...Object.fromEntries(
        apis.map((api) => [`${api.envPrefix}_API_URL`, publicApiUrl(api, env)]),
      ),
    }),
    ...apis.map((api) =>
      configMap(api.name, 'api', {
        AUTH0_DOMAIN: env.auth0Domain,
        CORS_ALLOWED_ORIGINS: env.webBaseUrls.join(','),
        TRUST_PROXY: trustProxyFor(env),
        LOG_LEVEL: 'info',
        // A declared callee, through its in-cluster Service (the NetworkPolicy allows this pair).
        ...Object.fromEntries(
          calleesOf(registry, api.key).map((callee) => [
            `${callee.envPrefix}_API_URL`,
            internalApiUrl(callee),
          ]),
        ),
      }),
    ),
  ];
}
