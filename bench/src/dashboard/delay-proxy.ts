import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  /** Where the web app is pointed instead of the API. */
  readonly url: string;
  /** The API's URL; requests answer 502 until it is set. */
  target: string | undefined;
  /** Added before every request is forwarded. */
  delayMs: number;
  /** Requests forwarded so far. */
  readonly forwarded: number;
  /** When (performance.now()) the latest request arrived. */
  readonly lastArrival: number;
  stop(): Promise<void>;
}

/**
 * A plain HTTP forwarder on a free port of 127.0.0.1 that holds every request for `delayMs`
 * before passing it on: an API that takes D ms longer, as seen by its caller.
 */
export async function startDelayProxy(): Promise<DelayProxy> {
  const agent = new Agent({ keepAlive: true });
  let forwarded = 0;
  let lastArrival = 0;
  const state = { target: undefined as string | undefined, delayMs: 0 };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    if (!state.target) {
      res.writeHead(502).end('no target yet');
      return;
    }
    const target = new URL(req.url ?? '/', state.target);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
    forwarded += 1;
  };

  const server = createServer((req, res) => {
    lastArrival = performance.now();
    if (state.delayMs > 0) setTimeout(() => forward(req, res), state.delayMs);
    else forward(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get target() {
      return state.target;
    },
    set target(value) {
      state.target = value;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value) {
      state.delayMs = value;
    },
    get forwarded() {
      return forwarded;
    },
    get lastArrival() {
      return lastArrival;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
