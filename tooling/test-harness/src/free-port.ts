import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1. next start cannot listen on port 0 and tell
 * us where it landed, and every service must know the others' URLs before it starts, so we pick
 * the ports up front. The race with another process is tiny, and a lost race fails loudly.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
