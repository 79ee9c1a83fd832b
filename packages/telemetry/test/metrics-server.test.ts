import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startMetricsServer } from '../src/index';

describe('startMetricsServer', () => {
  it('serves GET /metrics in Prometheus format and 404 for anything else', async () => {
    const registry = new Registry();
    new Counter({ name: 'demo_total', help: 'demo', registers: [registry] }).inc(3);
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0 }, registry);
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('demo_total 3');
      expect(text).toContain('process_cpu_seconds_total');
      const other = new URL('/', server.url);
      expect((await fetch(other)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
