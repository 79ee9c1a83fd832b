#!/usr/bin/env -S npx tsx
/**
 * `pnpm auth:token --user <alice|bob|carol|admin> --api <orders|profile|…> [--scope "…"]`
 * `pnpm auth:token --service <calling api> --api <api it calls>` (a client-credentials token)
 *
 * Prints ONLY the access token on stdout (so `$(pnpm -s auth:token …)` works); every message goes to
 * stderr. It signs with the dev key the running IdP publishes, creating it if needed, so it works
 * whether or not the IdP is up.
 */
import {
  apiNames,
  callerNames,
  callsOf,
  loadLocalIdpEnv,
  localServiceClient,
  localUsers,
  withEnvFiles,
} from '@repo/auth-config';
import { loadOrCreateSecrets } from './keys';
import { mintServiceToken, mintUserToken } from './mint';
import { parseTokenArgs, TokenArgsError } from './token-args';
import { idpPaths } from './paths';

async function main(): Promise<void> {
  const args = parseTokenArgs(process.argv.slice(2), {
    users: localUsers.map((u) => u.username),
    apis: apiNames,
    callers: Object.fromEntries(
      callerNames().map((caller) => [caller, callsOf(caller).map((c) => c.callee)]),
    ),
  });
  const env = loadLocalIdpEnv({ source: withEnvFiles(process.cwd()) });
  const secrets = await loadOrCreateSecrets(idpPaths(env.dataDir).secretsFile);
  // The issuer the dev IdP announces on its port (cli.ts): the token verifies against it.
  const issuer = `http://localhost:${env.port}/`;
  const key = secrets.keys[0]!;
  if (args.kind === 'service') {
    const token = await mintServiceToken(key, issuer, args);
    process.stderr.write(
      `client-credentials token of ${localServiceClient(args.caller).clientId} for the ${args.api} API (issuer ${issuer})\n`,
    );
    process.stdout.write(`${token}\n`);
    return;
  }
  const token = await mintUserToken(key, issuer, args);
  process.stderr.write(`token for ${args.user} on the ${args.api} API (issuer ${issuer})\n`);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof TokenArgsError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof TokenArgsError ? 2 : 1);
});
