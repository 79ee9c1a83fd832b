import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { attr, hasTraceIds } from '@repo/telemetry';
import type { Request, RequestHandler } from 'express';
import type { RequestDurationHistogram } from './request-duration';

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route template that answered (`/orders/:id`), or undefined when none matched. */
function routeOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}

/** Names the span after its route and records how the request ended. */
function endSpan(
  span: Span,
  method: string,
  route: string | undefined,
  status: number,
  finished: boolean,
): void {
  if (route) {
    span.updateName(`${method} ${route}`);
    span.setAttribute(attr.httpRoute, route);
  }
  span.setAttribute(attr.httpResponseStatusCode, status);
  if (!finished) span.setAttribute(attr.errorType, 'aborted');
  else if (status >= 500) {
    span.setAttribute(attr.errorType, String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * The first middleware: one SERVER span per request, continuing the caller's W3C traceparent,
 * and the latency histogram. The span is named `GET /orders/:id` once the route is known (the
 * method alone when none matched: the path would make one name per id). Only the path is
 * recorded, never the query string or a header: a refused `?access_token=` must not reach a span.
 *
 * Everything after it runs in the span's context (`context.with`), a JSON body read later from
 * the socket included: body-parser's raw-body re-enters the caller's async context (a test
 * keeps it so), which spares binding the request's and response's emitters on every request.
 */
export function observeRequests(
  tracer: Tracer,
  duration: RequestDurationHistogram,
): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const method = knownMethods.has(req.method) ? req.method : '_OTHER';
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(method, { kind: SpanKind.SERVER }, parent);
    // Attributes only when the span records: the SDK sanitises creation attributes before it
    // samples, which every unsampled request would pay for nothing (our samplers read none).
    if (span.isRecording())
      span.setAttributes({ [attr.httpRequestMethod]: method, [attr.urlPath]: req.path });
    res.on('close', () => {
      const route = routeOf(req);
      const status = res.statusCode;
      if (span.isRecording()) endSpan(span, method, route, status, res.writableFinished);
      duration.observe(method, route ?? 'unmatched', status, (performance.now() - started) / 1000);
    });
    // Without a registered provider the span is a no-op with no trace id: there is nothing to
    // make active, and entering a context would cost every request for nothing.
    if (hasTraceIds(span.spanContext())) context.with(trace.setSpan(parent, span), next);
    else next();
  };
}
