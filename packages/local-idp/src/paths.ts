import { join } from 'node:path';
import { devDataDir } from '@repo/auth-config';

/** Where the dev IdP keeps its keys and state: `.data/local-idp/` unless LOCAL_IDP_DATA_DIR says. */
export function idpPaths(dataDir: string | undefined) {
  const root = dataDir ?? devDataDir('local-idp');
  return { root, secretsFile: join(root, 'keys.json'), stateDir: join(root, 'state') };
}
