import { stringify } from 'yaml';
import { generatedHeader, prettified, type GeneratedFile } from '../generated-files';
import { loadEnvironments, type Environment } from './environments';
import { claimsActionCodePath, claimsActionSource, keywordValues, tenantConfig } from './tenant';

export const auth0Dir = 'infra/auth0';
export const tenantFile = `${auth0Dir}/tenant.yaml`;
export const configFile = (env: string) => `${auth0Dir}/config/${env}.json`;
const command = 'pnpm --filter @repo/deploy-tools gen:auth0';

/** The resource types this config owns; deploy-cli leaves every other part of the tenant alone. */
export const managedResourceTypes = [
  'resourceServers',
  'clients',
  'clientGrants',
  'roles',
  'actions',
  'triggers',
] as const;

/**
 * deploy-cli's config for one environment: the keyword values, and never a deletion of what this
 * file does not list. Credentials are not here: a0deploy reads AUTH0_DOMAIN, AUTH0_CLIENT_ID and
 * AUTH0_CLIENT_SECRET from the environment (a GitHub environment's secrets in the workflow).
 */
function deployCliConfig(env: Environment) {
  return {
    AUTH0_KEYWORD_REPLACE_MAPPINGS: keywordValues(env),
    AUTH0_ALLOW_DELETE: false,
    AUTH0_INCLUDED_ONLY: [...managedResourceTypes],
  };
}

export async function auth0Files(repoRoot: string): Promise<GeneratedFile[]> {
  // deploy-cli (8.x) replaces a quoted '@@KEY@@', quotes included, with the JSON array.
  const yaml = stringify(tenantConfig(), { lineWidth: 0 });
  const files: GeneratedFile[] = [
    { path: tenantFile, content: `${generatedHeader(command)}${yaml}` },
    {
      path: `${auth0Dir}/${claimsActionCodePath.replace(/^\.\//, '')}`,
      content: claimsActionSource(generatedHeader(command)),
    },
    ...loadEnvironments(repoRoot).map((env) => ({
      path: configFile(env.name),
      content: `${JSON.stringify(deployCliConfig(env), null, 2)}\n`,
    })),
  ];
  return Promise.all(files.map((file) => prettified(repoRoot, file)));
}
