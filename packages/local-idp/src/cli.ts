#!/usr/bin/env -S npx tsx
/**
 * `pnpm dev` runs this: the local IdP on the registry's port, with keys and sessions persisted
 * under .data/local-idp/ so that a restart logs nobody out.
 */
import {
  apis,
  callsOf,
  callerNames,
  EnvError,
  loadLocalIdpEnv,
  localServiceClient,
  localUserPassword,
  localUsers,
  localWebClient,
  withEnvFiles,
} from '@repo/auth-config';
import { loadOrCreateSecrets, saveSecrets } from './keys';
import { idpPaths } from './paths';
import { ProductionRefusal, refuseProduction } from './production-guard';
import { startLocalIdp } from './server';
import { fileStateStore } from './state-store';

async function main(): Promise<void> {
  const env = loadLocalIdpEnv({ source: withEnvFiles(process.cwd()) });
  refuseProduction(env, (line) => process.stderr.write(`${line}\n`));
  const paths = idpPaths(env.dataDir);
  const started = Date.now();
  const idp = await startLocalIdp({
    port: env.port,
    host: '127.0.0.1',
    secrets: await loadOrCreateSecrets(paths.secretsFile),
    store: fileStateStore(paths.stateDir),
    onSecretsChange: (secrets) => saveSecrets(paths.secretsFile, secrets),
    // One line per request, so that token-endpoint calls (refreshes) can be seen and counted.
    onRequest: (r) =>
      process.stdout.write(`[local-idp] ${r.method} ${r.path} ${r.status} ${r.ms}ms\n`),
    backchannelLogoutUri: env.webBackchannelLogoutUri,
    webOrigins: env.webOrigins,
    // Every logout token, so that a developer sees the web app was told (or why it was not).
    onBackchannelLogout: (d) =>
      d.ok
        ? process.stdout.write(`[local-idp] back-channel logout of sid ${d.sid} -> ${d.uri} ok\n`)
        : process.stderr.write(
            `[local-idp] back-channel logout of sid ${d.sid} -> ${d.uri} failed: ${d.error}\n`,
          ),
  });
  process.stdout.write(
    [
      `local-idp ready in ${Date.now() - started} ms at ${idp.issuer} (AUTH0_DOMAIN=${idp.domain})`,
      `  clients: ${[
        `${localWebClient.clientId} (web)`,
        ...callerNames().map(
          (caller) =>
            `${localServiceClient(caller).clientId} (client_credentials: ${callsOf(caller)
              .map((c) => `${apis[c.callee].serviceName} ${c.scopes.join(' ')}`)
              .join(', ')})`,
        ),
      ].join(', ')}`,
      `  users:   ${localUsers.map((u) => u.email).join(', ')} — password "${localUserPassword}"`,
      `  state:   ${paths.root}`,
      `  logout:  back-channel to ${idp.backchannelLogoutUri}; end all of a user's sessions: DELETE ${idp.issuer}api/v2/users/<url-encoded sub>/sessions`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    idp.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof ProductionRefusal)
    process.stderr.write(`${error.message}\n`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(
      'local-idp: the port is in use. Is another `pnpm dev` running? Set PORT to use another one.\n',
    );
  } else
    process.stderr.write(
      `local-idp failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  process.exit(1);
});
