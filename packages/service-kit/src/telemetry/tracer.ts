import { trace, type Tracer } from '@opentelemetry/api';
import { hasTraceIds } from '@repo/telemetry';

/**
 * The tracer every span of service-kit comes from. A proxy: it follows whatever provider the
 * instrumentation entry registered (none without an endpoint, and every span is then a no-op).
 */
export function serviceKitTracer(): Tracer {
  return trace.getTracer('@repo/service-kit');
}

/**
 * Whether the active span is one the sampler dropped. A child span would be dropped as well with
 * every OTEL_TRACES_SAMPLER: the parent-based ones follow the parent, `traceidratio` decides on
 * the same trace id, `always_off` drops all (and under `always_on` nothing is dropped). Where a
 * child span would end without children of its own, skipping it then spares the unsampled
 * requests (90 % at a 10 % ratio) its ids, sampler call and context for nothing.
 */
export function inDroppedTrace(): boolean {
  const active = trace.getActiveSpan();
  return active !== undefined && !active.isRecording() && hasTraceIds(active.spanContext());
}
