/**
 * Every object of one environment, and how they split into the kustomize base (identical in every
 * environment) and each overlay (the rest). The generator writes both and, beside them, the list
 * `kubectl kustomize overlays/<env>` must print: the base's objects, then the overlay's, each in
 * its namespace (the overlays sort `fifo`).
 */
import { callPairs, deployApis, type CallPair, type DeployRegistry } from '../stack/registry';
import { configMaps } from './config';
import type { ClusterEnvironment } from './environments';
import { ingress, namespaceObject } from './ingress';
import { networkPolicies } from './network-policies';
import { appShapes, workloads } from './workloads';

/** A plain Kubernetes object, as YAML holds it. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string } & Record<
    string,
    unknown
  >;
  readonly [field: string]: unknown;
}

/** An object and the file (base or overlay) it is written to. */
export interface Placed {
  readonly file: string;
  readonly object: KubeObject;
}

/** The model classes validate when built; the files hold their plain JSON. */
const plain = (model: object): KubeObject => JSON.parse(JSON.stringify(model)) as KubeObject;

export function environmentObjects(
  registry: DeployRegistry,
  env: ClusterEnvironment,
  calls: readonly CallPair[] = callPairs(registry),
): Placed[] {
  const apis = deployApis(registry);
  const place = (file: string) => (model: object) => ({ file, object: plain(model) });
  return [
    place('namespace.yaml')(namespaceObject(env)),
    ...configMaps(registry, apis, env).map(place('config.yaml')),
    ...appShapes(registry, apis).flatMap((app) =>
      workloads(app, registry, env).map(place(`${app.name}.yaml`)),
    ),
    ...networkPolicies(registry, apis, calls, env).map(place('network-policies.yaml')),
    place('ingress.yaml')(ingress(registry, apis, env)),
  ];
}

const key = ({ object }: Placed) => `${object.kind}/${object.metadata.name}`;
const clusterScoped = new Set(['Namespace']);

export interface Layout {
  readonly base: Placed[];
  readonly overlays: ReadonlyMap<string, Placed[]>;
}

/** Objects equal in every environment go to the base; every other object to its overlay. */
export function layout(perEnvironment: ReadonlyMap<string, Placed[]>): Layout {
  const lists = [...perEnvironment.values()];
  const same = (placed: Placed) =>
    lists.every((list) =>
      list.some(
        (other) =>
          key(other) === key(placed) &&
          other.file === placed.file &&
          JSON.stringify(other.object) === JSON.stringify(placed.object),
      ),
    );
  const first = lists[0] ?? [];
  const base = first.filter(same);
  const inBase = new Set(base.map(key));
  return {
    base,
    overlays: new Map(
      [...perEnvironment].map(([env, list]) => [env, list.filter((p) => !inBase.has(key(p)))]),
    ),
  };
}

/** What `kubectl kustomize overlays/<env>` prints: base then overlay, namespaced by the overlay. */
export function renderedObjects(
  base: readonly Placed[],
  overlay: readonly Placed[],
  namespace: string,
): KubeObject[] {
  return [...base, ...overlay].map(({ object }) =>
    clusterScoped.has(object.kind)
      ? object
      : { ...object, metadata: { ...object.metadata, namespace } },
  );
}

/** The files of a kustomization's resources, in the order their objects come. */
export const filesOf = (placed: readonly Placed[]) => [...new Set(placed.map((p) => p.file))];
