import { apiNames, apis, services, type ApiName, type EnvSource } from '@repo/auth-config';

/** Each app's environment, keyed by service name (`web`, `orders-api`, `local-idp`, …). */
export type EnvSources = Readonly<Record<string, EnvSource | undefined>>;

export interface AppRef {
  readonly serviceName: string;
  /** The workspace folder the app loads .env files from and `pnpm --filter` names. */
  readonly folder: string;
  readonly packageName: string;
}

const ref = (serviceName: string, folder: string): AppRef => ({
  serviceName,
  folder,
  packageName: `@repo/${serviceName}`,
});

export const webApp = ref(services.web.serviceName, `apps/${services.web.serviceName}`);
export const localIdpApp = ref(
  services['local-idp'].serviceName,
  `packages/${services['local-idp'].serviceName}`,
);
export const apiApp = (name: ApiName): AppRef =>
  ref(apis[name].serviceName, `apps/${apis[name].serviceName}`);

/** Every app in the registry, in the order the report lists them. */
export function registryApps(): AppRef[] {
  return [webApp, ...apiNames.map(apiApp), localIdpApp];
}
