import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiNames, apis, services } from '@repo/auth-config';

export interface DeployableApp {
  /** Service name and folder under apps/: `profile-api`, `web`. */
  readonly name: string;
  readonly packageName: string;
  readonly kind: 'api' | 'web';
  readonly dir: string;
  /** Its default port, from the registry (the image's PORT and EXPOSE). */
  readonly port: number;
}

/**
 * Every app that ships as an image: web and each API in the registry. local-idp is a dev tool
 * and is never deployed. Derived from the registry, so a generated API is covered unedited.
 */
export function deployableApps(): DeployableApp[] {
  const web = services.web;
  return [
    ...apiNames.map((api) => {
      const { serviceName, port } = apis[api];
      return {
        name: serviceName,
        packageName: `@repo/${serviceName}`,
        kind: 'api' as const,
        dir: `apps/${serviceName}`,
        port,
      };
    }),
    {
      name: web.serviceName,
      packageName: `@repo/${web.serviceName}`,
      kind: 'web' as const,
      dir: `apps/${web.serviceName}`,
      port: web.port,
    },
  ];
}

/** The deployable apps whose package exists in this checkout (an API may be registered before it lands). */
export function presentApps(repoRoot: string): DeployableApp[] {
  return deployableApps().filter((app) => existsSync(join(repoRoot, app.dir, 'package.json')));
}
