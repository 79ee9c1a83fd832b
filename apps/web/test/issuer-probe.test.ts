import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { issuerReachable } from '../src/lib/issuer-probe';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A real server on a free port; `handler` decides what the discovery request gets. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('issuerReachable', () => {
  it('is true when the discovery document answers 200', async () => {
    const seen: string[] = [];
    const issuer = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.end('{}');
    });
    expect(await issuerReachable(issuer)).toBe(true);
    expect(seen).toEqual(['/.well-known/openid-configuration']);
  });

  it('is false when nothing listens, on an error status, and on silence past the timeout', async () => {
    const closed = await serve(() => {});
    servers.pop()!.close();
    expect(await issuerReachable(closed)).toBe(false);
    expect(await issuerReachable(await serve((_req, res) => res.writeHead(503).end()))).toBe(false);
    const started = Date.now();
    expect(await issuerReachable(await serve(() => {}), { timeoutMs: 200 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
