import { context, isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceLogFields {
  readonly trace_id?: string;
  readonly span_id?: string;
  readonly trace_flags?: string;
}

const none: TraceLogFields = Object.freeze({});

/**
 * The active span's ids, named as OpenTelemetry's log data model and pino's instrumentation name
 * them, for a logger's mixin: a log line written while a request is traced can be found from its
 * trace, and the trace from the line. Empty outside a trace (and always, with tracing off).
 */
export function traceLogFields(): TraceLogFields {
  const span = trace.getSpanContext(context.active());
  if (!span || !isSpanContextValid(span)) return none;
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    trace_flags: `0${span.traceFlags.toString(16)}`,
  };
}
