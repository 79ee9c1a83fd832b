export { attr } from './attributes';
export { flushTracing, startTracing, type Tracing } from './tracing';
export { traceLogFields } from './log-fields';
export { hasTraceIds, pooledRandomIds, traceFlagsHex } from './span-ids';
export { startMetricsServer } from './metrics-server';
export { inSpan } from './spans';
export { redactUrlQueries } from './redaction';
