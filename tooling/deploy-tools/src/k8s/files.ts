import { stringify } from 'yaml';
import { generatedHeader, prettified, type GeneratedFile } from '../generated-files';
import type { CallPair, DeployRegistry } from '../stack/registry';
import type { ClusterEnvironment } from './environments';
import {
  environmentObjects,
  filesOf,
  layout,
  renderedObjects,
  type KubeObject,
  type Placed,
} from './manifests';

export const k8sDir = 'infra/k8s';
export const renderedFile = (env: string) => `${k8sDir}/rendered/${env}.yaml`;
export const overlayDir = (env: string) => `${k8sDir}/overlays/${env}`;
const command = 'pnpm --filter @repo/deploy-tools gen:k8s';

/** kustomize's own file: its type is not a Kubernetes API object, so it is declared here. */
export interface Kustomization {
  apiVersion: 'kustomize.config.k8s.io/v1beta1';
  kind: 'Kustomization';
  namespace?: string;
  resources: string[];
  images?: { name: string; newName: string; digest: string }[];
  /** fifo: objects in the order of `resources`, which the rendered lists rely on. */
  sortOptions?: { order: 'fifo' };
}

export const kustomization = (
  fields: Omit<Kustomization, 'apiVersion' | 'kind'>,
): Kustomization => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  ...fields,
});

export const documents = (objects: readonly unknown[]) =>
  objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');

function grouped(dir: string, placed: readonly Placed[], header: string): GeneratedFile[] {
  return filesOf(placed).map((file) => ({
    path: `${dir}/${file}`,
    content: `${header}${documents(placed.filter((p) => p.file === file).map((p) => p.object))}`,
  }));
}

/** The kustomize base, one overlay per environment, and each overlay's rendered object list. */
export async function k8sFiles(
  repoRoot: string,
  registry: DeployRegistry,
  environments: readonly ClusterEnvironment[],
  calls?: readonly CallPair[],
): Promise<GeneratedFile[]> {
  const header = generatedHeader(command);
  const perEnvironment = new Map(
    environments.map((env) => [env.name, environmentObjects(registry, env, calls)]),
  );
  const { base, overlays } = layout(perEnvironment);
  const files: GeneratedFile[] = [
    {
      path: `${k8sDir}/base/kustomization.yaml`,
      content: `${header}${documents([kustomization({ resources: filesOf(base) })])}`,
    },
    ...grouped(`${k8sDir}/base`, base, header),
    ...environments.flatMap((env) => {
      const overlay = overlays.get(env.name) ?? [];
      return [
        {
          path: `${overlayDir(env.name)}/kustomization.yaml`,
          content: `${header}${documents([
            kustomization({
              namespace: env.namespace,
              resources: ['../../base', ...filesOf(overlay)],
              sortOptions: { order: 'fifo' },
            }),
          ])}`,
        },
        ...grouped(overlayDir(env.name), overlay, header),
        {
          path: renderedFile(env.name),
          content: `${header}# What \`kubectl kustomize ${overlayDir(env.name)}\` prints (a test compares them).\n${documents(
            renderedObjects(base, overlay, env.namespace),
          )}`,
        },
      ];
    }),
  ];
  return Promise.all(files.map((file) => prettified(repoRoot, file)));
}

export type { KubeObject };
