// `pnpm dev` / `pnpm start` for the web app: wait for the issuer, then run Next.js on the port of
// APP_BASE_URL (the registry's web port by default), and say where to go and who to log in as.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWebEnv, waitForIssuer, webBanner, webPort, withEnvFiles } from '@repo/auth-config';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'start' ? 'start' : 'dev';

const env = loadWebEnv({ source: withEnvFiles(appDir) });
await waitForIssuer(env.auth0, { app: 'web' });

const child = spawn('next', [mode, '--port', String(webPort(env))], {
  cwd: appDir,
  stdio: 'inherit',
});
console.info(webBanner(env));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
