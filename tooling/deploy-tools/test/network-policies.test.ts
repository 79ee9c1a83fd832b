/**
 * Reads the rendered NetworkPolicies of every overlay and proves which connections they allow:
 * exactly the listed pairs (DNS, the IdP, monitoring included) and nothing else, for the registry,
 * for the registry plus a generated service, and for any caller → callee pairs they are given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findWorkspaceRoot } from '@repo/auth-config';
import { loadClusterEnvironments, type ClusterEnvironment } from '../src/k8s/environments';
import { renderedFile } from '../src/k8s/files';
import { environmentObjects } from '../src/k8s/manifests';
import {
  callPairs,
  currentRegistry,
  deployApis,
  type CallPair,
  type DeployRegistry,
} from '../src/stack/registry';
import { allowedConnections, type Endpoint, type Policy, type Port } from './network-policy-eval';
import { registries } from './registries';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const environments = loadClusterEnvironments(repoRoot);
const name = (n: string) => ({ 'app.kubernetes.io/name': n });

/** Every party a connection can have: the apps and their stores, and everyone around them. */
function endpoints(registry: DeployRegistry, env: ClusterEnvironment): Endpoint[] {
  const ns = env.namespace;
  const pods = [
    registry.web.serviceName,
    ...deployApis(registry).flatMap((a) => [a.name, `${a.name}-migrate`, `${a.name}-db`]),
    'redis',
    'stranger',
  ];
  return [
    ...pods.map((p) => ({ id: p, namespace: ns, labels: name(p) })),
    { id: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    { id: 'kube-system-other', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } },
    { id: 'ingress-controller', namespace: env.ingress.namespace, labels: name('ingress-nginx') },
    { id: 'monitoring', namespace: env.monitoringNamespace, labels: name('prometheus') },
    { id: 'other-namespace', namespace: 'other', labels: name(registry.web.serviceName) },
    ...env.idpEgress.map((rule, i) => ({ id: `idp-${i}`, ip: firstAddress(rule.cidr) })),
    { id: 'internet', ip: '198.51.100.7' },
  ];
}

function firstAddress(cidr: string): string {
  const [net] = cidr.split('/');
  const parts = net!.split('.');
  parts[3] = String(Number(parts[3]) + 1);
  return parts.join('.');
}

function ports(registry: DeployRegistry, env: ClusterEnvironment): Port[] {
  const numbers = new Set([
    registry.web.port,
    ...deployApis(registry).map((a) => a.port),
    registry.metricsPort,
    5432,
    6379,
    53,
    80,
    22,
    env.ingress.httpsPort,
    ...env.idpEgress.map((r) => r.port),
  ]);
  return [
    ...[...numbers].map((port) => ({ port, protocol: 'TCP' as const })),
    { port: 53, protocol: 'UDP' },
  ];
}

/** The specification, written out pair by pair. */
function expected(
  registry: DeployRegistry,
  env: ClusterEnvironment,
  calls: readonly CallPair[],
): string[] {
  const web = registry.web.serviceName;
  const apis = deployApis(registry);
  const all = endpoints(registry, env).filter((e) => e.namespace === env.namespace);
  const idp = env.idpEgress.map((r, i) => `idp-${i}:${r.port}/TCP`);
  return [
    ...all.flatMap((e) => [`${e.id} → kube-dns:53/TCP`, `${e.id} → kube-dns:53/UDP`]),
    `ingress-controller → ${web}:${registry.web.port}/TCP`,
    `monitoring → ${web}:${registry.metricsPort}/TCP`,
    `${web} → redis:6379/TCP`,
    `${web} → ingress-controller:${env.ingress.httpsPort}/TCP`,
    ...idp.map((to) => `${web} → ${to}`),
    ...apis.flatMap((api) => [
      `ingress-controller → ${api.name}:${api.port}/TCP`,
      `monitoring → ${api.name}:${registry.metricsPort}/TCP`,
      `${web} → ${api.name}:${api.port}/TCP`,
      `${api.name} → ${api.name}-db:5432/TCP`,
      `${api.name}-migrate → ${api.name}-db:5432/TCP`,
      ...idp.map((to) => `${api.name} → ${to}`),
    ]),
    ...calls.map(
      (c) => `${c.caller} → ${c.callee}:${apis.find((a) => a.name === c.callee)!.port}/TCP`,
    ),
  ].sort();
}

const policiesOf = (objects: { kind: string }[]) =>
  objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as Policy[];

describe('NetworkPolicies', () => {
  describe.each(environments.map((e) => [e.name, e] as const))(
    'as written for %s',
    (envName, env) => {
      const written = parseAllDocuments(
        readFileSync(join(repoRoot, renderedFile(envName)), 'utf8'),
      ).map((d) => d.toJS() as { kind: string });
      const registry = currentRegistry();

      it('allow exactly the listed connections and nothing else', () => {
        expect(
          allowedConnections(
            policiesOf(written),
            env.namespace,
            endpoints(registry, env),
            ports(registry, env),
          ),
        ).toEqual(expected(registry, env, callPairs(registry)));
      });
    },
  );

  describe.each(registries)('for %s', (_name, registry) => {
    const env = environments[0]!;
    const allowed = (calls: CallPair[]) =>
      allowedConnections(
        policiesOf(environmentObjects(registry, env, calls).map((p) => p.object)),
        env.namespace,
        endpoints(registry, env),
        ports(registry, env),
      );

    it('allow exactly the listed connections with no service-to-service call', () => {
      expect(allowed([])).toEqual(expected(registry, env, []));
    });

    it('open each declared caller → callee pair, on the callee’s port, and no other', () => {
      const [first, second, third] = deployApis(registry);
      const calls = [
        { caller: first!.name, callee: second!.name },
        ...(third ? [{ caller: third.name, callee: first!.name }] : []),
      ];
      const got = allowed(calls);
      expect(got).toEqual(expected(registry, env, calls));
      expect(got).toContain(`${first!.name} → ${second!.name}:${second!.port}/TCP`);
      expect(got).not.toContain(`${second!.name} → ${first!.name}:${first!.port}/TCP`);
    });
  });
});

describe('callPairs (the registry’s service-to-service declaration)', () => {
  const registry = currentRegistry();
  const withCalls = (key: string, calls: Record<string, readonly string[]> | undefined) => ({
    ...registry,
    apis: { ...registry.apis, [key]: { ...registry.apis[key]!, calls } },
  });

  it('reads the calls the registry declares: orders-api → profile-api', () => {
    expect(callPairs(registry)).toEqual([{ caller: 'orders-api', callee: 'profile-api' }]);
  });

  it('is empty when no API declares calls', () => {
    expect(callPairs(withCalls('orders', undefined))).toEqual([]);
  });

  it('refuses a callee the registry does not know', () => {
    expect(() => callPairs(withCalls('orders', { nowhere: [] }))).toThrow(/nowhere/);
  });
});
