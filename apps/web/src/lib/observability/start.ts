import type { TelemetryEnv } from '@repo/auth-config';
import { redactUrlQueries, startMetricsServer, startTracing } from '@repo/telemetry';
import { webMetrics } from './metrics';

/**
 * Web's OpenTelemetry and /metrics, started once by the instrumentation hook (Node.js runtime
 * only). Tracing: Next.js's own spans (the request, the render, its fetches) plus ours for the
 * API calls, query strings of /auth/* routes dropped before export; nothing at all without
 * OTEL_EXPORTER_OTLP_ENDPOINT. Metrics: a listener of its own on METRICS_PORT, never a route of
 * the app (the public port answers 404 for /metrics).
 */
export async function startWebTelemetry(env: TelemetryEnv): Promise<void> {
  startTracing(env, { processors: [redactUrlQueries()] });
  if (env.metrics) await startMetricsServer(env.metrics, webMetrics().registry);
}
