import { generatedHeader, type GeneratedFile } from '../generated-files';
import { deployableApps } from '../prune-build/apps';
import { dockerfile, toolVersions } from './dockerfile';

const command = 'pnpm --filter @repo/deploy-tools gen:dockerfiles';

/** A Dockerfile per deployable app in the registry (web and every API; never local-idp). */
export function dockerFiles(repoRoot: string): GeneratedFile[] {
  const header = generatedHeader(command);
  const versions = toolVersions(repoRoot);
  return deployableApps().map((app) => ({
    path: `${app.dir}/Dockerfile`,
    content: dockerfile(app, versions, header),
  }));
}
