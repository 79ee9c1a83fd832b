import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { MetricsListener } from '@repo/auth-config';

export interface MetricsServer {
  /** `http://host:port/metrics`, the real port when 0 was asked for. */
  readonly url: string;
  close(): Promise<void>;
}

const withProcessMetrics = new WeakSet<Registry>();

/**
 * The METRICS_PORT listener: GET /metrics in Prometheus's text format, 404 for anything else.
 * A listener of its own, never a route of the public app: the public port answers 404 for
 * /metrics, and only the monitoring namespace may reach this port (the NetworkPolicies).
 * Adds the process's own metrics (CPU, memory, event-loop delay) to the registry it serves.
 */
export async function startMetricsServer(
  listener: MetricsListener,
  registry: Registry,
): Promise<MetricsServer> {
  if (!withProcessMetrics.has(registry)) {
    withProcessMetrics.add(registry);
    collectDefaultMetrics({ register: registry });
  }
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Error\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listener.port, listener.host, () => resolve());
  });
  // A scrape holds no request open that shutdown should wait for.
  server.unref();
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
