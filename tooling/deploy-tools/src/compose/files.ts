import { stringify } from 'yaml';
import { generatedHeader, prettified, type GeneratedFile } from '../generated-files';
import { collectorConfig, collectorConfigFile } from '../observability/collector';
import type { BaseImages } from '../stack/base-images';
import { deployApis, type DeployRegistry } from '../stack/registry';
import { composeFile, dbInitFile } from './compose';
import { dbInitSql } from './db-init';
import { apiEnvExample, interpolationEnvExample, webEnvExample } from './env-files';

export const composeDir = 'infra/compose';
export const composeFilePath = `${composeDir}/compose.yaml`;
const command = 'pnpm --filter @repo/deploy-tools gen:compose';

// YAML 1.1, as docker-compose 1.29 (PyYAML) reads it: `no` and `1000:1000` are quoted there, or
// they would become false and a base-60 number.
const yaml = (value: unknown) =>
  stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });

/** Every file of infra/compose/ and the collector's configuration, from the registry. */
export async function composeFiles(
  repoRoot: string,
  registry: DeployRegistry,
  images: BaseImages,
): Promise<GeneratedFile[]> {
  const header = generatedHeader(command);
  const files: GeneratedFile[] = [
    { path: composeFilePath, content: `${header}${yaml(composeFile(registry, images))}` },
    { path: `${composeDir}/${dbInitFile}`, content: dbInitSql(registry, header) },
    { path: `${composeDir}/.env.example`, content: interpolationEnvExample(registry, header) },
    {
      path: `${composeDir}/env/${registry.web.serviceName}.env.example`,
      content: webEnvExample(registry, header),
    },
    ...deployApis(registry).map((api) => ({
      path: `${composeDir}/env/${api.name}.env.example`,
      content: apiEnvExample(registry, api.key, header),
    })),
    { path: collectorConfigFile, content: `${header}${yaml(collectorConfig(registry))}` },
  ];
  return Promise.all(files.map((file) => prettified(repoRoot, file)));
}
