import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Query parameters that carry a credential or a login's one-time values. A URL holding one of
 * them loses its whole query string in a span.
 */
const secretParameter =
  /(?:^|[?&])(?:code|state|logout_token|access_token|id_token|refresh_token|token|client_secret|session_state)=/i;

/** Whether the URL or path in `value` must lose its query: an /auth/* route, or a secret in it. */
function mustDropQuery(value: string): boolean {
  const at = value.indexOf('?');
  if (at < 0) return false;
  let path: string;
  try {
    path = new URL(value, 'http://x').pathname;
  } catch {
    return true;
  }
  return path.startsWith('/auth/') || secretParameter.test(value.slice(at));
}

const withoutQuery = (value: string) => value.slice(0, value.indexOf('?'));

/**
 * Drops the query string of every URL in a span that is an `/auth/*` route (the callback's
 * `code` and `state`, the back-channel logout's `logout_token`) or holds a secret parameter,
 * in its attributes and its name. Runs as the span ends, before any exporter sees it: Next.js
 * records the request's whole `req.url` as `http.target`. Attributes and names only: spans
 * carry no headers, so no cookie or Authorization value, and no request bodies.
 */
export function redactUrlQueries(): SpanProcessor {
  return {
    onStart(_span: Span, _parent: Context) {},
    onEnding(span: Span) {
      for (const [key, value] of Object.entries(span.attributes)) {
        if (typeof value === 'string' && mustDropQuery(value))
          span.setAttribute(key, withoutQuery(value));
      }
      if (mustDropQuery(span.name)) span.updateName(withoutQuery(span.name));
    },
    onEnd(_span: ReadableSpan) {},
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}
