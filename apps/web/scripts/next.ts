// `pnpm dev` / `pnpm start` for the web app. Checks the env before anything listens (one error
// listing every problem, then exit 1), waits for the issuer (progress every few seconds; on
// timeout one line naming AUTH0_DOMAIN and pnpm auth:doctor: `dev` exits, `start` starts anyway
// after a short wait, since a production restart during an IdP outage must still serve the
// sessions already signed in), then runs Next.js on the port of
// APP_BASE_URL: `next dev`, or the standalone production server (`output: 'standalone'`, which
// `next start` does not serve), and says where to go and who to log in as.
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EnvError,
  IssuerUnreachableError,
  loadWebEnv,
  waitForIssuer,
  webBanner,
  webPort,
  type WebEnv,
} from '@repo/auth-config';
import { webSource } from './start.env';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'start' ? 'start' : 'dev';

/** Known failures end in their own words on stderr and exit 1; no stack trace. */
function exitWith(error: unknown): never {
  if (error instanceof EnvError || error instanceof IssuerUnreachableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** How long a production start waits for the issuer before starting without it. */
const startIssuerWaitMs = 10_000;

const source = webSource(appDir, mode);
let env: WebEnv;
try {
  env = loadWebEnv({ source });
} catch (error) {
  exitWith(error);
}
try {
  await waitForIssuer(env.auth0, {
    app: 'web',
    timeoutMs: mode === 'start' ? startIssuerWaitMs : undefined,
  });
} catch (error) {
  if (mode !== 'start' || !(error instanceof IssuerUnreachableError)) exitWith(error);
  process.stderr.write(
    `${error.message} Starting anyway: signed-in sessions keep working; a new login shows the sign-in error page until the issuer answers.\n`,
  );
}

/** The standalone server, with the static files Next leaves out of it copied beside it. */
function standaloneServer(): string {
  const standalone = join(appDir, '.next', 'standalone', 'apps', 'web');
  const server = join(standalone, 'server.js');
  if (!existsSync(server)) {
    process.stderr.write('[web] no production build: run `pnpm --filter @repo/web build` first\n');
    process.exit(1);
  }
  cpSync(join(appDir, '.next', 'static'), join(standalone, '.next', 'static'), { recursive: true });
  if (existsSync(join(appDir, 'public')))
    cpSync(join(appDir, 'public'), join(standalone, 'public'), { recursive: true });
  return server;
}

const port = String(webPort(env));
const child =
  mode === 'dev'
    ? spawn('next', ['dev', '--port', port], { cwd: appDir, stdio: 'inherit' })
    : spawn(process.execPath, [standaloneServer()], {
        cwd: appDir,
        stdio: 'inherit',
        // The env checked above, as the server will read it (standalone loads no .env files).
        env: {
          ...source,
          NODE_ENV: 'production',
          PORT: source.PORT ?? port,
          HOSTNAME: source.HOSTNAME ?? '0.0.0.0',
        },
      });
console.info(webBanner(env));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
