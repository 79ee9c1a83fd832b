import { fileURLToPath } from 'node:url';
import { apis, EnvError, loadTelemetryEnv, withEnvFiles, type ApiName } from '@repo/auth-config';
import { startTracing } from '@repo/telemetry';

/**
 * An API's instrumentation entry point, loaded before its server with `--import`
 * (`node --import ./dist/instrumentation.mjs dist/server.mjs` in the image, `tsx --import
 * ./src/instrumentation.ts src/server.ts` in dev): starts tracing from the OTEL_* variables of
 * the shell and the app's .env files, before any of the app's modules run. Without an endpoint
 * it starts nothing. An invalid env starts nothing either: the server's own loader, a moment
 * later, reports it with every other problem.
 *
 * `entryUrl` is the entry's `import.meta.url`: the app's folder is the parent of its folder
 * (src/ in dev, dist/ in the image), where its .env files are.
 */
export function registerApiTelemetry(name: ApiName, entryUrl: string): void {
  let env;
  try {
    env = loadTelemetryEnv(
      { serviceName: apis[name].serviceName },
      { source: withEnvFiles(fileURLToPath(new URL('..', entryUrl))) },
    );
  } catch (error) {
    if (error instanceof EnvError) return;
    throw error;
  }
  startTracing(env);
}
