import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import { attr, inSpan } from '@repo/telemetry';

/**
 * One call to a registry API in a CLIENT span (`GET /orders`), with the span's W3C traceparent
 * added to `headers`: the API's server span becomes its child. This is the only place web
 * injects trace context, so it reaches the registry's API origins and nothing else (not the
 * IdP, not a third party a page might fetch). The URL's query is left out of the span.
 */
export function inApiSpan<T>(
  api: string,
  method: string,
  path: string,
  url: string,
  headers: Record<string, string>,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  const u = new URL(url);
  return inSpan(
    trace.getTracer('@repo/web'),
    `${method} ${path}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [attr.httpRequestMethod]: method,
        [attr.urlFull]: `${u.origin}${u.pathname}`,
        [attr.serverAddress]: u.hostname,
        [attr.serverPort]: Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
        'peer.service': `${api}-api`,
      },
    },
    (span) => {
      propagation.inject(context.active(), headers);
      return run(span);
    },
  );
}
