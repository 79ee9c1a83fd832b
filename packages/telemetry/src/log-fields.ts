import { context, trace } from '@opentelemetry/api';
import { hasTraceIds, traceFlagsHex } from './span-ids';

// A type, not an interface: an object type has the implicit index signature that lets it pass
// for a log line's `Record<string, unknown>` of fields.
export type TraceLogFields = {
  readonly trace_id?: string;
  readonly span_id?: string;
  readonly trace_flags?: string;
};

/**
 * The active span's ids, named as OpenTelemetry's log data model and pino's instrumentation name
 * them, for a logger's mixin: a log line written while a request is traced can be found from its
 * trace, and the trace from the line. Empty outside a trace (and always, with tracing off).
 */
export function traceLogFields(): TraceLogFields {
  const span = trace.getSpanContext(context.active());
  // A new object each time: pino's mixin merge assigns the line's own fields into it.
  if (!span || !hasTraceIds(span)) return {};
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    trace_flags: traceFlagsHex(span.traceFlags),
  };
}
