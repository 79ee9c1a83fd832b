import { context, propagation, trace, type TextMapPropagator } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { TelemetryEnv, TracesExport } from '@repo/auth-config';
import { samplerFor } from './sampler';
import { pooledRandomIds } from './span-ids';

export interface Tracing {
  /** false when nothing would receive a span: nothing was registered, every span is a no-op. */
  readonly exporting: boolean;
  /** Sends what is buffered (a graceful shutdown calls it before exiting). */
  forceFlush(): Promise<void>;
  /** Flushes, then unregisters everything it registered. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Run on every recorded span before it is exported, in order (web's redaction). */
  readonly processors?: readonly SpanProcessor[];
  /** Replaces the OTLP exporter: tests keep spans in memory. */
  readonly exporter?: SpanExporter;
}

const off: Tracing = {
  exporting: false,
  forceFlush: async () => {},
  shutdown: async () => {},
};

/** The OTLP/HTTP exporter of OTEL_EXPORTER_OTLP_PROTOCOL; it reads its headers, timeout and compression itself. */
export function otlpExporter(traces: Pick<TracesExport, 'url' | 'protocol'>): SpanExporter {
  return traces.protocol === 'http/json'
    ? new JsonTraceExporter({ url: traces.url })
    : new ProtobufTraceExporter({ url: traces.url });
}

function propagatorFor(names: TracesExport['propagators']): TextMapPropagator {
  return new CompositePropagator({
    propagators: names.map((name) =>
      name === 'baggage' ? new W3CBaggagePropagator() : new W3CTraceContextPropagator(),
    ),
  });
}

/**
 * Starts tracing as the env says, or does nothing at all. Without an endpoint there is no
 * exporter, no provider, no context manager: the SDK's own default would export to
 * localhost:4318, and recording spans nobody receives would cost every request for nothing.
 * With one: W3C trace context (traceparent) in and out, AsyncLocalStorage for the active span,
 * the configured sampler, pooled random ids, and a batch processor in front of the OTLP/HTTP
 * exporter.
 */
export function startTracing(env: TelemetryEnv, options: StartTracingOptions = {}): Tracing {
  const traces = env.traces;
  if (!traces) return off;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      ...env.resourceAttributes,
      'service.name': env.serviceName,
    }),
    sampler: samplerFor(traces),
    idGenerator: pooledRandomIds(),
    spanProcessors: [
      ...(options.processors ?? []),
      new BatchSpanProcessor({
        exporter: options.exporter ?? otlpExporter(traces),
        scheduledDelayMillis: traces.scheduleDelayMs,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagatorFor(traces.propagators));
  trace.setGlobalTracerProvider(provider);
  return {
    exporting: true,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}

/**
 * Flushes the registered provider, whoever registered it. An API's `--import` entry and its
 * server are separate bundles, each with its own copy of this module: only OpenTelemetry's
 * global (one per process) knows the provider the entry started.
 */
export async function flushTracing(): Promise<void> {
  const proxy = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const provider = proxy.getDelegate?.() as { forceFlush?: () => Promise<void> } | undefined;
  await provider?.forceFlush?.();
}
