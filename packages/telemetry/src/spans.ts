import { SpanStatusCode, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { attr } from './attributes';

/**
 * Marks a span failed with the error's name and a short message. No exception event with a
 * stack: messages are ours, but a stack can carry request data into a span for nothing.
 */
export function recordFailure(span: Span, error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  span.setAttribute(attr.errorType, name);
  span.setStatus({ code: SpanStatusCode.ERROR, message: message.slice(0, 200) });
}

/** `fn` inside a new active span, ended when it settles; a rejection marks the span failed. */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
