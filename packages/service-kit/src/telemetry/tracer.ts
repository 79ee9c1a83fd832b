import { trace, type Tracer } from '@opentelemetry/api';

/**
 * The tracer every span of service-kit comes from. A proxy: it follows whatever provider the
 * instrumentation entry registered (none without an endpoint, and every span is then a no-op).
 */
export function serviceKitTracer(): Tracer {
  return trace.getTracer('@repo/service-kit');
}
