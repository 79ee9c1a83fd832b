import { EnvError, loadWebEnv, type WebEnv } from '@repo/auth-config';

/**
 * The Node.js half of instrumentation.ts. A bare `node server.js` (the image's command) gets no
 * wrapper to check its env first: here a bad env stops the process with the one error that lists
 * every problem, instead of a server that answers 500 on every page. (`pnpm start` checks before
 * anything listens; Next prints "Ready" before this runs, so the wrapper is the first line of
 * defence and this the second.) Then OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) and
 * the METRICS_PORT listener (when METRICS_PORT is set): docs/observability.md.
 */
export async function registerNode(): Promise<void> {
  let env: WebEnv;
  try {
    env = loadWebEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { startWebTelemetry } = await import('./lib/observability/start');
  await startWebTelemetry(env.telemetry);
}
