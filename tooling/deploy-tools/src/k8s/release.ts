/**
 * One release of one environment: the images by digest (pushed once, promoted unchanged) and a
 * migration Job per API named after its digest. The deploy writes it next to the overlays and
 * applies it in two steps: `migrations/` first, waiting for every Job to complete, then the apps.
 * `migrations/` also holds what a Job reads (the namespace and the ConfigMaps, the same objects
 * the overlay applies), so that the first release into an empty namespace can migrate.
 */
import { relative } from 'node:path';
import { deployApis, type DeployRegistry } from '../stack/registry';
import { configMaps } from './config';
import type { ClusterEnvironment } from './environments';
import { documents, kustomization, overlayDir } from './files';
import { namespaceObject } from './ingress';
import { migrationJob, migrationJobName } from './migration-job';

export interface ReleaseImage {
  /** The registry repository, e.g. ghcr.io/acme/shop/orders-api. */
  readonly repository: string;
  readonly digest: string;
}

/** `ghcr.io/acme/shop/web@sha256:…` → repository and digest; a tag alone is refused. */
export function parseImageReference(app: string, reference: string): ReleaseImage {
  const match = /^([a-z0-9][a-z0-9._/:-]*)@(sha256:[a-f0-9]{64})$/.exec(reference);
  if (!match) throw new Error(`${app}: "${reference}" is not <repository>@sha256:<digest>`);
  return { repository: match[1]!, digest: match[2]! };
}

export interface Release {
  readonly namespace: string;
  /** The Jobs to wait for, then the Deployments to watch. */
  readonly jobs: string[];
  readonly deployments: string[];
  /** Relative to the release folder. */
  readonly files: { readonly path: string; readonly content: string }[];
}

export function release(
  registry: DeployRegistry,
  env: ClusterEnvironment,
  images: Readonly<Record<string, string>>,
  /** The release folder and the overlay, both from the repo root. */
  releaseDir: string,
): Release {
  const apis = deployApis(registry);
  const apps = [registry.web.serviceName, ...apis.map((a) => a.name)];
  const unknown = Object.keys(images).filter((app) => !apps.includes(app));
  if (unknown.length) throw new Error(`not in the registry: ${unknown.join(', ')}`);
  const parsed = new Map(
    apps.map((app) => {
      const reference = images[app];
      if (!reference) throw new Error(`${app}: no image digest for this release`);
      return [app, parseImageReference(app, reference)];
    }),
  );
  const jobs = apis.map((api) => {
    const { repository, digest } = parsed.get(api.name)!;
    return migrationJob(api, repository, digest);
  });
  return {
    namespace: env.namespace,
    jobs: apis.map((api) => migrationJobName(api.name, parsed.get(api.name)!.digest)),
    deployments: apps,
    files: [
      {
        path: 'kustomization.yaml',
        content: documents([
          kustomization({
            resources: [relative(releaseDir, overlayDir(env.name))],
            images: apps.map((app) => ({
              name: app,
              newName: parsed.get(app)!.repository,
              digest: parsed.get(app)!.digest,
            })),
            sortOptions: { order: 'fifo' },
          }),
        ]),
      },
      {
        path: 'migrations/kustomization.yaml',
        content: documents([
          kustomization({
            namespace: env.namespace,
            resources: ['jobs.yaml'],
            sortOptions: { order: 'fifo' },
          }),
        ]),
      },
      {
        path: 'migrations/jobs.yaml',
        content: documents(
          [namespaceObject(env), ...configMaps(registry, apis, env), ...jobs].map(
            (model) => JSON.parse(JSON.stringify(model)) as unknown,
          ),
        ),
      },
    ],
  };
}
