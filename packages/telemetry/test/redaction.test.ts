import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { redactUrlQueries, startTracing } from '../src/index';

/** One span through the real pipeline (redaction, then the exporter), as web records it. */
async function record(name: string, attributes: Record<string, string>) {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing(
    {
      serviceName: 'web',
      resourceAttributes: {},
      metrics: undefined,
      traces: {
        url: 'http://unused.invalid/v1/traces',
        protocol: 'http/json',
        sampler: 'always_on',
        ratio: 1,
        scheduleDelayMs: 50,
        propagators: ['tracecontext'],
      },
    },
    { processors: [redactUrlQueries()], exporter },
  );
  try {
    trace.getTracer('test').startSpan(name, { attributes }).end();
    await tracing.forceFlush();
    const [span] = exporter.getFinishedSpans();
    return { name: span!.name, attributes: span!.attributes };
  } finally {
    await tracing.shutdown();
  }
}

describe('redactUrlQueries', () => {
  it("drops the query of an /auth/* URL: the callback's code and state never reach an exporter", async () => {
    const span = await record('GET /auth/callback?code=abc&state=xyz', {
      'http.target': '/auth/callback?code=abc&state=xyz',
      'http.url': 'http://localhost:3000/auth/backchannel-logout?logout_token=eyJ',
    });
    expect(span.name).toBe('GET /auth/callback');
    expect(span.attributes).toEqual({
      'http.target': '/auth/callback',
      'http.url': 'http://localhost:3000/auth/backchannel-logout',
    });
  });

  it('drops a query holding a token anywhere, and keeps an ordinary one', async () => {
    const span = await record('GET', {
      'http.target': '/dashboard?access_token=eyJ',
      'url.full': 'http://localhost:4001/orders?limit=20',
    });
    expect(span.attributes).toEqual({
      'http.target': '/dashboard',
      'url.full': 'http://localhost:4001/orders?limit=20',
    });
  });
});
