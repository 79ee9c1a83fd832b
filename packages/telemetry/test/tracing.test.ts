import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type { TelemetryEnv, TracesExport } from '@repo/auth-config';
import { afterEach, describe, expect, it } from 'vitest';
import { startTracing, traceLogFields, type Tracing } from '../src/index';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A stand-in collector: keeps every POST it gets. */
async function collector() {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function env(traces: Partial<TracesExport> & { url: string }): TelemetryEnv {
  return {
    serviceName: 'orders-api',
    resourceAttributes: { 'deployment.environment.name': 'test' },
    metrics: undefined,
    traces: {
      protocol: 'http/protobuf',
      sampler: 'parentbased_always_on',
      ratio: 1,
      scheduleDelayMs: 50,
      propagators: ['tracecontext', 'baggage'],
      ...traces,
    },
  };
}

const tracer = (): Tracer => trace.getTracer('test');
let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

describe('startTracing', () => {
  it('registers nothing without an endpoint: spans are no-ops and nothing is sent', () => {
    tracing = startTracing({
      serviceName: 'orders-api',
      resourceAttributes: {},
      traces: undefined,
      metrics: undefined,
    });
    expect(tracing.exporting).toBe(false);
    const span = tracer().startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  for (const [protocol, contentType, readName] of [
    ['http/protobuf', 'application/x-protobuf', (b: Buffer) => b.toString('latin1')],
    ['http/json', 'application/json', (b: Buffer) => b.toString('utf8')],
  ] as const) {
    it(`exports to the endpoint over ${protocol}, with the service name`, async () => {
      const otlp = await collector();
      try {
        tracing = startTracing(env({ url: `${otlp.base}/v1/traces`, protocol }));
        tracer().startSpan('GET /catalog').end();
        await tracing.forceFlush();
        expect(otlp.received).toHaveLength(1);
        const [request] = otlp.received;
        expect(request!.path).toBe('/v1/traces');
        expect(request!.contentType).toBe(contentType);
        expect(readName(request!.body)).toContain('GET /catalog');
        expect(readName(request!.body)).toContain('orders-api');
      } finally {
        await otlp.close();
      }
    });
  }

  it('continues an incoming W3C traceparent, and log fields carry the active ids', async () => {
    tracing = startTracing(env({ url: 'http://unused.invalid/v1/traces' }), {
      exporter: new InMemorySpanExporter(),
    });
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const parent = propagation.extract(context.active(), { traceparent: incoming });
    const span = tracer().startSpan('GET /orders', {}, parent);
    const carrier: Record<string, string> = {};
    context.with(trace.setSpan(parent, span), () => {
      propagation.inject(context.active(), carrier);
      expect(traceLogFields()).toEqual({
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: span.spanContext().spanId,
        trace_flags: '01',
      });
    });
    span.end();
    expect(carrier.traceparent).toBe(
      `00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-01`,
    );
    expect(traceLogFields()).toEqual({});
  });

  it('samples new traces at the configured ratio but keeps a sampled parent’s decision', () => {
    tracing = startTracing(
      env({
        url: 'http://unused.invalid/v1/traces',
        sampler: 'parentbased_traceidratio',
        ratio: 0,
      }),
      { exporter: new InMemorySpanExporter() },
    );
    expect(tracer().startSpan('root').isRecording()).toBe(false);
    const sampled = propagation.extract(context.active(), {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(tracer().startSpan('child', {}, sampled).isRecording()).toBe(true);
  });
});
