import { context, propagation, SpanKind, trace, type Span, type Tracer } from '@opentelemetry/api';
import { attr, inSpan } from '@repo/telemetry';

/**
 * A proxy tracer: it follows whatever provider the API's instrumentation entry registered (none
 * without an endpoint, and every span is then a no-op).
 */
function tracer(): Tracer {
  return trace.getTracer('@repo/service-client');
}

/** What a span may say about a URL: origin and path, never the query (ids, say) or a secret. */
function urlAttributes(url: string): Record<string, string | number> {
  const u = new URL(url);
  return {
    [attr.urlFull]: `${u.origin}${u.pathname}`,
    [attr.serverAddress]: u.hostname,
    [attr.serverPort]: Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
  };
}

/**
 * One HTTP request to another API in a CLIENT span (`GET /profiles`), with the span's W3C
 * traceparent in `headers`: the callee's server span becomes its child. The query is left out
 * of the span: it carries the caller's data (customer ids), and the route is what one groups by.
 */
export function inCallSpan<T>(
  callee: string,
  method: string,
  path: string,
  url: string,
  headers: Record<string, string>,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  return inSpan(
    tracer(),
    `${method} ${path}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [attr.httpRequestMethod]: method,
        'peer.service': callee,
        ...urlAttributes(url),
      },
    },
    (span) => {
      propagation.inject(context.active(), headers);
      return run(span);
    },
  );
}

/**
 * One client-credentials request in a CLIENT span. Neither the secret, the form nor the token
 * go into it: only the token endpoint's URL and the audience asked for.
 */
export function inTokenSpan<T>(tokenUrl: string, audience: string, run: () => Promise<T>) {
  return inSpan(
    tracer(),
    'oauth token (client_credentials)',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [attr.httpRequestMethod]: 'POST',
        'oauth.audience': audience,
        ...urlAttributes(tokenUrl),
      },
    },
    run,
  );
}
