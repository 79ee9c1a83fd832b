import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyServer {
  readonly port: number;
  /** `http://localhost:<port>`: the apps and the local IdP rules want the name, not the IP. */
  readonly url: string;
  stop(): Promise<void>;
}

const started = new Set<Server>();

/** A real HTTP server on 127.0.0.1 and a free port, answering with `handler`. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TinyServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  started.add(server);
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        started.delete(server);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound, then released (the OS does not hand it out again at once). */
export async function deadPort(): Promise<number> {
  const s = await startServer(() => {});
  await s.stop();
  return s.port;
}

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
};

/** What web and the APIs answer: /healthz always, /readyz 200 or a 503 problem like service-kit's. */
export function serviceStub(options: { ready?: boolean } = {}) {
  return startServer((req, res) => {
    if (req.url === '/healthz') json(res, 200, { status: 'ok' });
    else if (req.url === '/readyz') {
      if (options.ready === false) {
        json(
          res,
          503,
          {
            type: 'about:blank',
            title: 'Service Unavailable',
            status: 503,
            detail: 'The database is not reachable.',
          },
          'application/problem+json',
        );
      } else json(res, 200, { status: 'ready' });
    } else json(res, 404, {});
  });
}

export interface WebStubOptions {
  /** The issuer whose authorize endpoint /auth/login redirects to, e.g. `http://localhost:4000/`. */
  readonly issuer: string;
  /** The APP_BASE_URL the stub "runs with": redirect_uri and the cookie's Secure flag follow it. */
  readonly appBaseUrl?: (port: number) => string;
  /** false: /auth/login is a 404, as when no proxy hands /auth/* to nextjs-auth0. */
  readonly authRoutes?: boolean;
  /** false: /readyz answers web's 503 (its env loader refuses the env). */
  readonly ready?: boolean;
}

/**
 * What web answers, as far as the doctor looks: /healthz, /readyz, and /auth/login as
 * nextjs-auth0 v4 answers it (a 307 to the IdP's authorize endpoint with redirect_uri
 * `<APP_BASE_URL>/auth/callback`, and a `__txn_<state>` cookie, Secure when APP_BASE_URL is https).
 */
export async function webStub(options: WebStubOptions): Promise<TinyServer> {
  let port = 0;
  const server = await startServer((req, res) => {
    const base = options.appBaseUrl?.(port) ?? `http://localhost:${port}`;
    if (req.url === '/healthz') json(res, 200, { status: 'ok' });
    else if (req.url === '/readyz') {
      if (options.ready === false)
        json(res, 503, {
          status: 'not ready',
          detail: 'the configuration is invalid; see the server log',
        });
      else json(res, 200, { status: 'ready' });
    } else if (req.url?.startsWith('/auth/login') && options.authRoutes !== false) {
      const authorize = new URL('authorize', options.issuer);
      authorize.search = new URLSearchParams({
        client_id: 'local-web',
        redirect_uri: `${base}/auth/callback`,
        response_type: 'code',
        scope: 'openid profile email offline_access',
        state: 'st4te',
      }).toString();
      const secure = base.startsWith('https:') ? '; Secure' : '';
      res
        .writeHead(307, {
          location: authorize.href,
          'set-cookie': `__txn_st4te=1700000000:eyJhbGciOiJkaXIifQ..x; Path=/; Max-Age=3600; HttpOnly; SameSite=lax${secure}`,
        })
        .end();
    } else json(res, 404, {});
  });
  port = server.port;
  return server;
}

export interface IssuerStubOptions {
  /** What discovery says; default `http://localhost:<port>/`, i.e. correct. */
  issuer?: (port: number) => string;
  keys?: unknown[];
  /** Sent as the Date header. */
  date?: () => Date;
}

/** A fake OpenID provider: discovery + JWKS, each piece overridable to make one thing wrong. */
export async function startIssuerStub(options: IssuerStubOptions = {}): Promise<TinyServer> {
  let port = 0;
  const server = await startServer((req, res) => {
    if (options.date) res.setHeader('date', options.date().toUTCString());
    const issuer = options.issuer?.(port) ?? `http://localhost:${port}/`;
    if (req.url === '/.well-known/openid-configuration') {
      json(res, 200, {
        issuer,
        authorization_endpoint: `http://localhost:${port}/authorize`,
        jwks_uri: `http://localhost:${port}/.well-known/jwks.json`,
      });
    } else if (req.url === '/.well-known/jwks.json') {
      json(res, 200, {
        keys: options.keys ?? [
          { kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'k1', n: 'AQAB', e: 'AQAB' },
        ],
      });
    } else if (req.url === '/healthz') json(res, 200, { status: 'ok' });
    else json(res, 404, {});
  });
  port = server.port;
  return server;
}
