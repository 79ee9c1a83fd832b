import { describe, expect, it } from 'vitest';
import {
  EnvError,
  loadApiEnv,
  loadTelemetryEnv,
  loadWebEnv,
  metricsPort,
  type EnvSource,
} from '../src/index';

const quiet = () => {};
const api = (source: EnvSource) => loadApiEnv('orders', { source, log: quiet }).telemetry;

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('telemetry env (OTEL_*, METRICS_PORT)', () => {
  it('exports nothing and listens for nothing when no variable is set', () => {
    expect(api({})).toEqual({
      serviceName: 'orders-api',
      resourceAttributes: {},
      traces: undefined,
      metrics: undefined,
    });
    expect(loadWebEnv({ source: {}, log: quiet }).telemetry.serviceName).toBe('web');
  });

  it('sends spans to <endpoint>/v1/traces over http/protobuf, sampling everything by default', () => {
    expect(api({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).traces).toEqual({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      sampler: 'parentbased_always_on',
      ratio: 1,
      scheduleDelayMs: 5000,
      propagators: ['tracecontext', 'baggage'],
    });
  });

  it('uses the traces endpoint as given, and the signal-specific protocol first', () => {
    const traces = api({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.vendor.example/v1/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    }).traces;
    expect(traces).toMatchObject({
      url: 'https://otlp.vendor.example/v1/traces',
      protocol: 'http/json',
      sampler: 'parentbased_traceidratio',
      ratio: 0.1,
      scheduleDelayMs: 200,
    });
  });

  it('creates no exporter when export is off, whatever the endpoint says', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(api({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).traces).toBeUndefined();
    expect(api({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).traces).toBeUndefined();
  });

  it('names the service from OTEL_SERVICE_NAME, else service.name in the resource attributes', () => {
    expect(
      api({
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=orders,deployment.environment.name=stag%20ing',
      }),
    ).toMatchObject({
      serviceName: 'orders',
      resourceAttributes: { 'service.name': 'orders', 'deployment.environment.name': 'stag ing' },
    });
    expect(
      api({ OTEL_SERVICE_NAME: 'orders-eu', OTEL_RESOURCE_ATTRIBUTES: 'service.name=orders' })
        .serviceName,
    ).toBe('orders-eu');
  });

  it("listens for /metrics on METRICS_PORT at the app's host, never on the public port", () => {
    expect(api({ METRICS_PORT: String(metricsPort) }).metrics).toEqual({
      host: '127.0.0.1',
      port: metricsPort,
    });
    expect(api({ METRICS_PORT: '9464', HOST: '0.0.0.0' }).metrics?.host).toBe('0.0.0.0');
    expect(problemsOf(() => api({ PORT: '4001', METRICS_PORT: '4001' }))).toEqual([
      'METRICS_PORT: is the public port 4001',
    ]);
    expect(problemsOf(() => loadWebEnv({ source: { METRICS_PORT: '3000' }, log: quiet }))).toEqual([
      'METRICS_PORT: is the public port 3000',
    ]);
  });

  it('reports every bad telemetry variable at once, never echoing header values', () => {
    const problems = problemsOf(() =>
      api({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_TRACES_SAMPLER: 'xray',
        OTEL_TRACES_SAMPLER_ARG: '10%',
        OTEL_TRACES_EXPORTER: 'otlp,zipkin',
        OTEL_PROPAGATORS: 'tracecontext,b3',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s3cr3t,broken-s3cr3t',
        OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'brotli',
        OTEL_SDK_DISABLED: 'yes',
        OTEL_RESOURCE_ATTRIBUTES: 'oops',
        METRICS_PORT: 'metrics',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'OTEL_SDK_DISABLED',
      'OTEL_TRACES_EXPORTER',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
      'OTEL_PROPAGATORS',
      'OTEL_EXPORTER_OTLP_HEADERS',
      'OTEL_EXPORTER_OTLP_TIMEOUT',
      'OTEL_EXPORTER_OTLP_COMPRESSION',
      'METRICS_PORT',
      'OTEL_RESOURCE_ATTRIBUTES',
    ]);
    expect(problems.join('\n')).not.toContain('s3cr3t');
  });

  it('loads alone for an instrumentation entry point, throwing one EnvError', () => {
    expect(
      loadTelemetryEnv(
        { serviceName: 'orders-api' },
        { source: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' } },
      ).traces?.url,
    ).toBe('http://127.0.0.1:4318/v1/traces');
    expect(() =>
      loadTelemetryEnv({ serviceName: 'orders-api' }, { source: { OTEL_TRACES_SAMPLER: 'x' } }),
    ).toThrow(EnvError);
  });
});
