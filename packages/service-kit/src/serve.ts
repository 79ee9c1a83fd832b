import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { lifecycleOf } from './create-service';
import type { Logger } from './logger';

export interface StartedServer {
  readonly server: Server;
  /** `http://host:port`, the real port when 0 was asked for. */
  readonly url: string;
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
  /** Install SIGTERM/SIGINT handlers that shut down and exit (the server entry point does). */
  readonly handleSignals?: boolean;
}

/** Listens, and shuts down gracefully: stop accepting, drain in-flight requests, close the db. */
export async function startServer(app: Express, options: StartServerOptions): Promise<StartedServer> {
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
  options.logger.info({ url }, 'listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown'): Promise<void> => {
    stopping ??= (async () => {
      options.logger.info({ reason }, 'draining');
      lifecycleOf(app).draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets with no request in flight would keep close() waiting; a socket whose
      // request finishes during the drain becomes idle too, so sweep until everything is closed.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timeout = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
      timeout.unref();
      await closed;
      clearInterval(sweep);
      clearTimeout(timeout);
      await options.db.close();
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
  return { server, url, shutdown };
}
