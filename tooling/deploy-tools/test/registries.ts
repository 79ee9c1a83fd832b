/**
 * The registries the generated infra is rendered for: the real one, and the real one plus the
 * service `pnpm gen api-service --args billing` would add (the generator's own template data).
 */
import type { ApiDefinition } from '@repo/auth-config';
import { serviceData } from '@repo/generators';
import { currentRegistry, type DeployRegistry } from '../src/stack/registry';

export function withGeneratedService(name: string): DeployRegistry {
  const registry = currentRegistry();
  const data = serviceData(name);
  const api: ApiDefinition = {
    serviceName: data.serviceName,
    displayName: data.displayName,
    port: data.port,
    audience: data.audience,
    scopes: { read: `read:${name}`, write: `write:${name}` },
  };
  return { ...registry, apis: { ...registry.apis, [name]: api } };
}

export const registries: [string, DeployRegistry][] = [
  ['the registry', currentRegistry()],
  ['the registry + a generated billing-api', withGeneratedService('billing')],
];
