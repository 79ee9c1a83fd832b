import { createServer } from 'node:net';

/**
 * A port nobody listens on right now. Only for servers that cannot announce the port they got
 * from PORT=0 (Next's standalone server treats 0 as "use 3000").
 * Not @repo/e2e/free-port on purpose: every API image prunes this package in (for the bundler)
 * with its workspace devDependencies, and @repo/e2e would bring web, both APIs and Playwright.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
