/**
 * infra/observability/otel-collector.yaml: the OpenTelemetry Collector of compose's
 * `observability` profile. Traces arrive over OTLP (apps export when OTEL_EXPORTER_OTLP_ENDPOINT
 * names it) and go to Jaeger; metrics are scraped from every app's METRICS_PORT listener and
 * offered to a Prometheus on :8889. The scrape targets are compose service names, from the registry.
 */
import { deployApis, type DeployRegistry } from '../stack/registry';

export const collectorConfigFile = 'infra/observability/otel-collector.yaml';

export function collectorConfig(registry: DeployRegistry) {
  const targets = [registry.web.serviceName, ...deployApis(registry).map((a) => a.name)].map(
    (service) => `${service}:${registry.metricsPort}`,
  );
  // Since collector 0.104 receivers listen on localhost by default: in a container that is
  // unreachable, so every endpoint names 0.0.0.0.
  return {
    receivers: {
      otlp: {
        protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } },
      },
      prometheus: {
        config: {
          scrape_configs: [
            { job_name: 'apps', scrape_interval: '15s', static_configs: [{ targets }] },
          ],
        },
      },
    },
    processors: {
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
      batch: {},
    },
    exporters: {
      'otlp/jaeger': { endpoint: 'jaeger:4317', tls: { insecure: true } },
      prometheus: { endpoint: '0.0.0.0:8889' },
    },
    service: {
      pipelines: {
        traces: {
          receivers: ['otlp'],
          processors: ['memory_limiter', 'batch'],
          exporters: ['otlp/jaeger'],
        },
        metrics: {
          receivers: ['otlp', 'prometheus'],
          processors: ['memory_limiter', 'batch'],
          exporters: ['prometheus'],
        },
      },
    },
  };
}
