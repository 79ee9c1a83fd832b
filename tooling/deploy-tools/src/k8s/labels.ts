/** The labels every object carries; selectors use only `app.kubernetes.io/name`. */
export const nameLabel = 'app.kubernetes.io/name';
export const partOf = 'auth0-services';

export type Component = 'web' | 'api' | 'migration' | 'database' | 'session-store';

export function labelsOf(name: string, component: Component): Record<string, string> {
  return {
    [nameLabel]: name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': partOf,
  };
}

export const selectorOf = (name: string) => ({ matchLabels: { [nameLabel]: name } });

/** The pods the NetworkPolicies expect for each API's database and for web's Redis. */
export const databaseName = (api: string) => `${api}-db`;
export const redisName = 'redis';
export const postgresPort = 5432;
export const redisPort = 6379;

export const configMapName = (app: string) => `${app}-config`;
export const secretName = (app: string) => `${app}-secrets`;
