/** The way in: web and every API on https, behind the environment's ingress controller. */
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { DeployApi, DeployRegistry } from '../stack/registry';
import { publicApiUrl } from './config';
import type { ClusterEnvironment } from './environments';
import { partOf } from './labels';

export const ingressName = 'public';

export function ingress(
  registry: DeployRegistry,
  apis: readonly DeployApi[],
  env: ClusterEnvironment,
): Ingress {
  const routes = [
    ...env.webBaseUrls.map((url) => ({
      host: new URL(url).hostname,
      service: registry.web.serviceName,
      port: registry.web.port,
    })),
    // The browser calls the APIs directly (CORS), each on a host of its own.
    ...apis.map((api) => ({
      host: new URL(publicApiUrl(api, env)).hostname,
      service: api.name,
      port: api.port,
    })),
  ];
  return new Ingress({
    metadata: { name: ingressName, labels: { 'app.kubernetes.io/part-of': partOf } },
    spec: {
      ingressClassName: env.ingress.className,
      // The certificate is a Secret of that name (cert-manager or your own), never generated here.
      tls: [{ hosts: routes.map((r) => r.host), secretName: env.tlsSecretName }],
      rules: routes.map(({ host, service, port }) => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: service, port: { number: port } } },
            },
          ],
        },
      })),
    },
  });
}

/** The namespace, with the restricted Pod Security Standard enforced on everything in it. */
export function namespaceObject(env: ClusterEnvironment): Namespace {
  return new Namespace({
    metadata: {
      name: env.namespace,
      labels: {
        'app.kubernetes.io/part-of': partOf,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}
