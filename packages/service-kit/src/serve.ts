import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import type { MetricsListener } from '@repo/auth-config';
import { flushTracing, startMetricsServer } from '@repo/telemetry';
import type { Express } from 'express';
import { lifecycleOf, metricsOf } from './create-service';
import type { Logger } from './logger';

export interface StartedServer {
  readonly server: Server;
  /** `http://host:port`, the real port when 0 was asked for. */
  readonly url: string;
  /** `http://host:port/metrics` on METRICS_PORT, when it was asked for. */
  readonly metricsUrl: string | undefined;
  /** Stops accepting, waits for in-flight requests (up to the drain timeout), closes the db. */
  shutdown(reason?: string): Promise<void>;
}

export interface StartServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Closed after the last request drained. */
  readonly db: { close(): Promise<void> };
  /** In-flight requests still running after this long are cut. */
  readonly drainTimeoutMs?: number;
  /**
   * While draining, a keep-alive connection with no request in flight is closed once it has
   * been idle this long (default 500 ms). A busy client sends its next request well within it
   * and gets it answered with `Connection: close`; closing at once would race that request and
   * reset it.
   */
  readonly drainIdleMs?: number;
  /** Install SIGTERM/SIGINT handlers that shut down and exit (the server entry point does). */
  readonly handleSignals?: boolean;
  /** METRICS_PORT (`config.telemetry.metrics`): a second listener serving /metrics only. */
  readonly metrics?: MetricsListener;
}

/** Listens, and shuts down gracefully: stop accepting, drain in-flight requests, close the db. */
export async function startServer(
  app: Express,
  options: StartServerOptions,
): Promise<StartedServer> {
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Slow or idle clients must not hold the process open forever.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  const metrics = options.metrics
    ? await startMetricsServer(options.metrics, metricsOf(app).registry).catch(
        async (error: unknown) => {
          // The public listener is up: close it, or the failed start leaves the process hanging.
          server.close();
          throw error;
        },
      )
    : undefined;
  options.logger.info({ url, metrics: metrics?.url }, 'listening');

  const drain = trackConnections(server);
  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown'): Promise<void> => {
    stopping ??= (async () => {
      options.logger.info({ reason }, 'draining');
      lifecycleOf(app).draining = true;
      await drain(options.drainIdleMs ?? 500, options.drainTimeoutMs ?? 10_000);
      await options.db.close();
      await metrics?.close();
      // The last requests' spans, before the process exits.
      await flushTracing().catch(() => {});
      options.logger.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        shutdown(signal).then(
          () => process.exit(0),
          (err: unknown) => {
            options.logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { server, url, metricsUrl: metrics?.url, shutdown };
}

interface ConnectionState {
  busy: number;
  idleSince: number;
}

/**
 * Keeps track of every connection and whether a request is in flight on it, and returns the
 * drain: stop accepting (new connections are refused, never reset), answer every request in
 * flight or arriving on an open connection with `Connection: close`, close connections idle for
 * `idleMs`, and resolve once none is left (cutting the rest after `timeoutMs`).
 *
 * `server.close()` is not used to stop listening: since Node 19 it also destroys every idle
 * keep-alive connection at once, and a client that was just sending its next request on one
 * gets a connection reset instead of an answer.
 */
function trackConnections(server: Server): (idleMs: number, timeoutMs: number) => Promise<void> {
  const connections = new Map<Socket, ConnectionState>();
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  server.prependListener('connection', (socket: Socket) => {
    connections.set(socket, { busy: 0, idleSince: performance.now() });
    socket.once('close', () => connections.delete(socket));
  });
  // Before the app's own listener, which may answer synchronously.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (state) state.busy += 1;
    inFlight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    // 'close' comes once per response: `on` spares the wrapper `once` makes on every request.
    res.on('close', () => {
      inFlight.delete(res);
      if (state) {
        state.busy -= 1;
        state.idleSince = performance.now();
      }
    });
  });

  return async (idleMs, timeoutMs) => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) =>
      NetServer.prototype.close.call(server, () => resolve()),
    );
    const sweep = setInterval(
      () => {
        const now = performance.now();
        for (const [socket, state] of connections) {
          if (state.busy === 0 && now - state.idleSince >= idleMs) socket.end();
        }
      },
      Math.max(10, Math.min(50, idleMs / 2)),
    );
    const timeout = setTimeout(() => server.closeAllConnections(), timeoutMs);
    timeout.unref();
    await closed;
    clearInterval(sweep);
    clearTimeout(timeout);
  };
}
