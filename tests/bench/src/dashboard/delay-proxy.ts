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
  const server = createServer((req, res) => {
    proxy.lastArrival = performance.now();
    if (proxy.delayMs > 0) setTimeout(() => forward(req, res), proxy.delayMs);
    else forward(req, res);
  });
  // What the caller reads and sets; this module also counts into it.
  const proxy: { -readonly [K in keyof DelayProxy]: DelayProxy[K] } = {
    url: '',
    target: undefined,
    delayMs: 0,
    forwarded: 0,
    lastArrival: 0,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    if (!proxy.target) {
      res.writeHead(502).end('no target yet');
      return;
    }
    const target = new URL(req.url ?? '/', proxy.target);
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
    proxy.forwarded += 1;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
