import { Agent, request as httpRequest } from 'node:http';
import { loadApiEnv } from '@repo/auth-config';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger, createService, lifecycleOf, startServer } from '../src';
import { openPglite, type Database } from '../src/db';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => {
  await db.close().catch(() => {});
});

function get(
  url: string,
  agent: Agent,
): Promise<{ status: number; connection: string | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/healthz`, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          connection: res.headers.connection,
          reused: req.reusedSocket,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

it('drains: a kept-alive connection is answered with Connection: close instead of being cut, new ones are refused', async () => {
  const config = loadApiEnv('orders', {
    source: {
      USE_LOCAL_IDP: 'true',
      AUTH0_DOMAIN: 'http://localhost:1',
      CORS_ALLOWED_ORIGINS: 'http://localhost:3999',
    },
    log: () => {},
  });
  const logger = createLogger({ serviceName: 'drain-test', level: 'silent' });
  let closedDb = false;
  const app = createService({ config, db, logger, routes: () => {} });
  const server = await startServer(app, {
    host: '127.0.0.1',
    port: 0,
    logger,
    db: { close: async () => void (closedDb = true) },
    drainIdleMs: 5000,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  expect(await get(server.url, agent)).toMatchObject({ status: 200, reused: false });

  const stopping = server.shutdown('test');
  expect(lifecycleOf(app).draining).toBe(true);
  // The idle connection is still open: the next request on it is served, and told to close.
  expect(await get(server.url, agent)).toEqual({ status: 200, connection: 'close', reused: true });
  await stopping;
  expect(closedDb).toBe(true);
  await expect(get(server.url, agent)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  agent.destroy();
});
