import { recipeFor } from '../prune-build/recipe';
import type { DeployApi, DeployRegistry } from './registry';

/**
 * What an API's image runs, from the recipe its Dockerfile is rendered from: the migration and
 * the server, apart, so that an orchestrator runs the migration once per release and the replicas
 * only serve (the image's default CMD does both, for a lone `docker run`).
 */
export function apiCommands(api: DeployApi): { migrate: string[]; server: string[] } {
  const [migrate, server] = recipeFor({
    name: api.name,
    packageName: `@repo/${api.name}`,
    kind: 'api',
    dir: `apps/${api.name}`,
    port: api.port,
  }).run;
  if (!migrate || !server)
    throw new Error(`${api.name}: the recipe has no migrate and server step`);
  return { migrate: [...migrate], server: [...server] };
}

/** Web's standalone server keeps the monorepo layout under the image's WORKDIR (/app). */
export function webNextCacheDir(registry: DeployRegistry): string {
  return `/app/apps/${registry.web.serviceName}/.next/cache`;
}

/**
 * The image's user: `node` in the official Node images, uid and gid 1000. Kubernetes needs the
 * number to check runAsNonRoot (a user name cannot be verified).
 */
export const imageUserId = 1000;

/** `fetch` of a local path, as a healthcheck command (the slim images have no curl). */
export function nodeFetchCheck(port: number, path: string): string[] {
  return [
    'node',
    '-e',
    `fetch('http://127.0.0.1:${port}${path}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
  ];
}
