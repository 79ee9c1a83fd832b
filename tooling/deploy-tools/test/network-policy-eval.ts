/**
 * What a set of NetworkPolicies allows, evaluated as Kubernetes does for one namespace: a
 * connection from A to B on a port is allowed when A's egress allows it (or no Egress policy
 * selects A) and B's ingress allows it (or no Ingress policy selects B). Pods outside the
 * namespace and external addresses have no policies here. ipBlock matches external addresses only.
 */
import { BlockList, isIPv6 } from 'node:net';

type Labels = Record<string, string>;
export interface Endpoint {
  readonly id: string;
  /** A pod: its namespace and labels. */
  readonly namespace?: string;
  readonly labels?: Labels;
  /** An address outside the cluster. */
  readonly ip?: string;
}
export interface Port {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: unknown[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  ports?: { port?: number | string; protocol?: string }[];
  from?: Peer[];
  to?: Peer[];
}
export interface Policy {
  metadata: { name: string; namespace?: string };
  spec: { podSelector: Selector; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] };
}

function selects(selector: Selector | undefined, labels: Labels): boolean {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions: not evaluated here');
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const list = new BlockList();
  const type = isIPv6(net!) ? 'ipv6' : 'ipv4';
  list.addSubnet(net!, Number(bits), type);
  return list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}

const namespaceLabels = (ns: string): Labels => ({ 'kubernetes.io/metadata.name': ns });

function peerMatches(peer: Peer, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock)
    return (
      endpoint.ip !== undefined &&
      inCidr(endpoint.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip!, c))
    );
  if (endpoint.namespace === undefined) return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(endpoint.namespace))
    : endpoint.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, endpoint.labels ?? {});
}

function ruleAllows(
  rule: Rule,
  peers: Peer[] | undefined,
  other: Endpoint,
  port: Port,
  ns: string,
) {
  const portOk =
    !rule.ports?.length ||
    rule.ports.some(
      (p) =>
        (p.protocol ?? 'TCP') === port.protocol && (p.port === undefined || p.port === port.port),
    );
  if (typeof rule.ports?.find((p) => typeof p.port === 'string')?.port === 'string')
    throw new Error('named ports: not evaluated here');
  return portOk && (!peers?.length || peers.some((peer) => peerMatches(peer, other, ns)));
}

function side(
  policies: readonly Policy[],
  namespace: string,
  self: Endpoint,
  other: Endpoint,
  port: Port,
  direction: 'Ingress' | 'Egress',
): boolean {
  if (self.namespace !== namespace) return true;
  const selecting = policies.filter(
    (p) => p.spec.policyTypes.includes(direction) && selects(p.spec.podSelector, self.labels ?? {}),
  );
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    (direction === 'Ingress' ? p.spec.ingress : p.spec.egress)?.some((rule) =>
      ruleAllows(rule, direction === 'Ingress' ? rule.from : rule.to, other, port, namespace),
    ),
  );
}

/** Every `from → to:port/protocol` allowed where at least one side is a pod of the namespace. */
export function allowedConnections(
  policies: readonly Policy[],
  namespace: string,
  endpoints: readonly Endpoint[],
  ports: readonly Port[],
): string[] {
  const allowed: string[] = [];
  for (const from of endpoints)
    for (const to of endpoints) {
      if (from === to || (from.namespace !== namespace && to.namespace !== namespace)) continue;
      for (const port of ports)
        if (
          side(policies, namespace, from, to, port, 'Egress') &&
          side(policies, namespace, to, from, port, 'Ingress')
        )
          allowed.push(`${from.id} → ${to.id}:${port.port}/${port.protocol}`);
    }
  return allowed.sort();
}
