export { attr } from './attributes';
export { samplerFor } from './sampler';
export {
  flushTracing,
  otlpExporter,
  startTracing,
  type StartTracingOptions,
  type Tracing,
} from './tracing';
export { traceLogFields, type TraceLogFields } from './log-fields';
export { startMetricsServer, type MetricsServer } from './metrics-server';
export { inSpan, recordFailure } from './spans';
export { redactUrlQueries } from './redaction';
