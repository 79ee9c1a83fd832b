import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { apis, type ApiEnv } from '@repo/auth-config';
import { testApiConfig } from '@repo/api-testing';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { createLogger, createService, requireServiceScope, subjectOf } from '@repo/service-kit';
import type { Express } from 'express';

/** The local IdP, with its access log kept: token requests are counted where the IdP sees them. */
export interface CountingIdp {
  readonly idp: LocalIdp;
  /** `POST /oauth/token` requests the IdP answered so far. */
  tokenRequests(): number;
}

export async function startCountingIdp(): Promise<CountingIdp> {
  const log: string[] = [];
  const idp = await startLocalIdp({
    port: 0,
    onRequest: (r) => log.push(`${r.method} ${r.path} ${r.status}`),
  });
  return {
    idp,
    tokenRequests: () => log.filter((line) => line.startsWith('POST /oauth/token ')).length,
  };
}

export interface Listening {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1 and a free port (or `port`), and closes every connection on stop. */
export async function listen(handler: RequestListener, port = 0): Promise<Listening> {
  const server: Server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface SeenCall {
  readonly sub: string;
  readonly ids: readonly string[];
  readonly rawUrl: string;
  readonly requestId: string | undefined;
}

/**
 * A real Profile-API-shaped callee: service-kit's shell verifying tokens for the profile
 * audience against the IdP, and one service route, `GET /profiles?ids=`, echoing what it got.
 */
export function profileCallee(idp: LocalIdp, seen: SeenCall[]): Express {
  return createService({
    config: testApiConfig('profile', idp.issuer),
    db: { ping: async () => {} },
    logger: createLogger({ serviceName: 'profile-callee', level: 'silent' }),
    routes: (router) => {
      router.get('/profiles', requireServiceScope(apis.profile.serviceScopes.read), (req, res) => {
        const raw = req.query.ids;
        const ids = (Array.isArray(raw) ? raw : [raw]).filter(
          (v): v is string => typeof v === 'string',
        );
        seen.push({
          sub: subjectOf(req),
          ids,
          rawUrl: req.originalUrl,
          requestId: req.get('x-request-id'),
        });
        res.json({ items: ids.map((sub) => ({ sub, displayName: `name of ${sub}` })) });
      });
    },
  });
}

/** orders-api's env against this IdP, calling profile at `profileUrl`. */
export function ordersConfig(idp: LocalIdp, profileUrl: string): ApiEnv<'orders'> {
  return testApiConfig('orders', idp.issuer, { PROFILE_API_URL: profileUrl });
}
