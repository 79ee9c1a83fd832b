/**
 * Who may open a connection to whom, as NetworkPolicies. Everything is denied first; then each
 * allowed path is one rule (one peer, its ports), so that a pair is allowed only when it is
 * listed here, never as the side effect of two lists merged:
 * - the ingress controller → web and every API; web → every API, its Redis and (for the APIs'
 *   public URLs, which it calls like the browser does) the ingress controller;
 * - a declared service-to-service caller → its callee (callPairs);
 * - an API (and its migration Job) → its own database only;
 * - every pod → kube-dns; web and the APIs → the IdP's CIDRs and ports;
 * - the monitoring namespace → METRICS_PORT of web and the APIs, nothing else.
 */
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { CallPair, DeployApi, DeployRegistry } from '../stack/registry';
import type { ClusterEnvironment } from './environments';
import {
  databaseName,
  labelsOf,
  partOf,
  postgresPort,
  redisName,
  redisPort,
  selectorOf,
  type Component,
} from './labels';
import { migrationName } from './migration-job';

const namespaceLabel = 'kubernetes.io/metadata.name';
export const kubeDns = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } as const;

const pod = (name: string): INetworkPolicyPeer => ({ podSelector: selectorOf(name) });
const namespace = (name: string): INetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: { [namespaceLabel]: name } },
});
const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

function policy(
  name: string,
  component: Component | undefined,
  podSelector: { matchLabels?: Record<string, string> },
  rules: { ingress?: INetworkPolicyIngressRule[]; egress?: INetworkPolicyEgressRule[] },
): NetworkPolicy {
  const policyTypes: ('Ingress' | 'Egress')[] = [
    ...(rules.ingress ? (['Ingress'] as const) : []),
    ...(rules.egress ? (['Egress'] as const) : []),
  ];
  return new NetworkPolicy({
    metadata: {
      name,
      labels: component ? labelsOf(name, component) : { 'app.kubernetes.io/part-of': partOf },
    },
    spec: { podSelector, policyTypes, ...rules },
  });
}

export function networkPolicies(
  registry: DeployRegistry,
  apis: readonly DeployApi[],
  calls: readonly CallPair[],
  env: ClusterEnvironment,
): NetworkPolicy[] {
  const web = registry.web.serviceName;
  const portOf = new Map(apis.map((a) => [a.name, a.port]));
  const fromIngressController = (port: number): INetworkPolicyIngressRule => ({
    from: [namespace(env.ingress.namespace)],
    ports: [tcp(port)],
  });
  const fromMonitoring: INetworkPolicyIngressRule = {
    from: [namespace(env.monitoringNamespace)],
    ports: [tcp(registry.metricsPort)],
  };
  const toIdp: INetworkPolicyEgressRule[] = env.idpEgress.map(({ cidr, port }) => ({
    to: [{ ipBlock: { cidr } }],
    ports: [tcp(port)],
  }));
  const toPod = (name: string, port: number): INetworkPolicyEgressRule => ({
    to: [pod(name)],
    ports: [tcp(port)],
  });

  return [
    // No selector match, no rule: every pod of the namespace starts with nothing allowed.
    policy('default-deny', undefined, {}, { ingress: [], egress: [] }),
    policy(
      'allow-dns',
      undefined,
      {},
      {
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [namespaceLabel]: kubeDns.namespace } },
                podSelector: { matchLabels: { ...kubeDns.labels } },
              },
            ],
            ports: [
              { protocol: 'UDP' as const, port: 53 },
              { protocol: 'TCP' as const, port: 53 },
            ],
          },
        ],
      },
    ),
    policy(web, 'web', selectorOf(web), {
      ingress: [fromIngressController(registry.web.port), fromMonitoring],
      egress: [
        ...toIdp,
        toPod(redisName, redisPort),
        ...apis.map((api) => toPod(api.name, api.port)),
        { to: [namespace(env.ingress.namespace)], ports: [tcp(env.ingress.httpsPort)] },
      ],
    }),
    ...apis.flatMap((api) => {
      const callers = calls.filter((c) => c.callee === api.name).map((c) => c.caller);
      const callees = calls.filter((c) => c.caller === api.name).map((c) => c.callee);
      const migrate = migrationName(api.name);
      const db = databaseName(api.name);
      return [
        policy(api.name, 'api', selectorOf(api.name), {
          ingress: [
            fromIngressController(api.port),
            ...[web, ...callers].map((from) => ({ from: [pod(from)], ports: [tcp(api.port)] })),
            fromMonitoring,
          ],
          egress: [
            ...toIdp,
            toPod(db, postgresPort),
            ...callees.map((callee) => toPod(callee, portOf.get(callee)!)),
          ],
        }),
        policy(migrate, 'migration', selectorOf(migrate), { egress: [toPod(db, postgresPort)] }),
        policy(db, 'database', selectorOf(db), {
          ingress: [{ from: [pod(api.name), pod(migrate)], ports: [tcp(postgresPort)] }],
        }),
      ];
    }),
    policy(redisName, 'session-store', selectorOf(redisName), {
      ingress: [{ from: [pod(web)], ports: [tcp(redisPort)] }],
    }),
  ];
}
