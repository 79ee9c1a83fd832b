import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import { loadEnvironments } from '../auth0/environments';

/** One cluster environment: what the overlays know that the registry does not. */
export interface ClusterEnvironment {
  readonly name: string;
  readonly namespace: string;
  readonly auth0Domain: string;
  /** APIs are served at `<service>.<apiDomain>`. */
  readonly apiDomain: string;
  /** Where the web app lives (infra/auth0/environments.json): Ingress hosts, APP_BASE_URL, CORS. */
  readonly webBaseUrls: readonly string[];
  readonly tlsSecretName: string;
  readonly ingress: {
    readonly className: string;
    /** The controller's namespace: the only one whose pods may open connections to the apps. */
    readonly namespace: string;
    /** The controller's container port for https: web's calls to the APIs' public URLs. */
    readonly httpsPort: number;
    /** Proxies that append X-Forwarded-For before an app: the APIs' TRUST_PROXY. */
    readonly proxyHops: number;
  };
  readonly monitoringNamespace: string;
  readonly idpEgress: readonly { readonly cidr: string; readonly port: number }[];
  readonly replicas: { readonly min: number; readonly max: number };
}

export const k8sEnvironmentsFile = 'infra/k8s/environments.json';

const dnsLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const hostname = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

function fail(where: string, message: string): never {
  throw new Error(`${k8sEnvironmentsFile}: ${where} ${message}`);
}

function cidr(value: unknown, where: string): string {
  const [address = '', bits, ...rest] = String(value).split('/');
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  const n = Number(bits);
  // A whole-Internet range would make the IdP rule an open egress.
  if (max === 0 || rest.length > 0 || !/^\d+$/.test(bits ?? '') || n < 1 || n > max)
    fail(
      where,
      `must be a CIDR such as 203.0.113.0/24 (not 0.0.0.0/0), got ${JSON.stringify(value)}`,
    );
  return String(value);
}

function port(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535)
    fail(where, `must be a port number, got ${JSON.stringify(value)}`);
  return value as number;
}

function text(value: unknown, where: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value))
    fail(where, `is not valid: ${JSON.stringify(value)}`);
  return value;
}

/** infra/k8s/environments.json, each environment joined with its web origins from infra/auth0. */
export function loadClusterEnvironments(repoRoot: string): ClusterEnvironment[] {
  const raw = JSON.parse(readFileSync(join(repoRoot, k8sEnvironmentsFile), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const web = new Map(loadEnvironments(repoRoot).map((e) => [e.name, e.webBaseUrls]));
  return Object.entries(raw)
    .filter(([name]) => !name.startsWith('$'))
    .map(([name, env]): ClusterEnvironment => {
      const at = (field: string) => `${name}.${field}`;
      const webBaseUrls = web.get(name);
      if (!webBaseUrls) fail(name, 'has no web origins in infra/auth0/environments.json');
      const ingress = (env.ingress ?? {}) as Record<string, unknown>;
      const replicas = (env.replicas ?? {}) as Record<string, unknown>;
      const min = Number(replicas.min);
      const max = Number(replicas.max);
      // Two replicas at least: one can be drained or rescheduled while the other serves.
      if (!Number.isInteger(min) || min < 2 || !Number.isInteger(max) || max < min)
        fail(at('replicas'), 'must be { min >= 2, max >= min }');
      const hops = Number(ingress.proxyHops);
      if (!Number.isInteger(hops) || hops < 1 || hops > 10)
        fail(at('ingress.proxyHops'), 'must be the number of proxies in front (1 to 10)');
      const idp = env.idpEgress;
      if (!Array.isArray(idp) || idp.length === 0)
        fail(at('idpEgress'), 'must list a CIDR and port');
      return {
        name,
        namespace: text(env.namespace, at('namespace'), dnsLabel),
        auth0Domain: text(env.auth0Domain, at('auth0Domain'), hostname),
        apiDomain: text(env.apiDomain, at('apiDomain'), hostname),
        webBaseUrls,
        tlsSecretName: text(env.tlsSecretName, at('tlsSecretName'), dnsLabel),
        ingress: {
          className: text(ingress.className, at('ingress.className'), dnsLabel),
          namespace: text(ingress.namespace, at('ingress.namespace'), dnsLabel),
          httpsPort: port(ingress.httpsPort, at('ingress.httpsPort')),
          proxyHops: hops,
        },
        monitoringNamespace: text(env.monitoringNamespace, at('monitoringNamespace'), dnsLabel),
        idpEgress: (idp as Record<string, unknown>[]).map((rule, i) => ({
          cidr: cidr(rule.cidr, at(`idpEgress[${i}].cidr`)),
          port: port(rule.port, at(`idpEgress[${i}].port`)),
        })),
        replicas: { min, max },
      };
    });
}
