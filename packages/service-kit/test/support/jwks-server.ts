import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/**
 * How the JWKS endpoint behaves: `up` serves the published keys, `down` answers 503, `silent`
 * accepts the connection and never answers, `stall-body` sends the headers and then nothing.
 */
export type JwksMode = 'up' | 'down' | 'silent' | 'stall-body';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

export interface JwksServer {
  /** `http://localhost:<port>/`, as tokens carry it in `iss`. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** Requests the JWKS endpoint received, whatever it answered. */
  readonly hits: number;
  mode: JwksMode;
  /** Publishes a new key (first in the set); returns it. */
  addKey(): Promise<SigningKey>;
  /** Stops publishing a key (its tokens can no longer be verified after a refetch). */
  removeKey(kid: string): void;
  /** Publishes exactly this raw body (e.g. a broken set). */
  setRawBody(body: string | undefined): void;
  readonly keys: readonly SigningKey[];
  /** Signs with the newest key (or the one with `kid`; an unknown kid signs with the newest key). */
  sign(
    claims: Record<string, unknown>,
    options?: {
      kid?: string;
      expiresIn?: number;
      notBefore?: number;
      audience?: string;
      issuer?: string;
    },
  ): Promise<string>;
  stop(): Promise<void>;
}

/** A real HTTP JWKS endpoint on a free port whose behaviour a test switches at will. */
export async function startJwksServer(): Promise<JwksServer> {
  const keys: SigningKey[] = [];
  let hits = 0;
  let mode: JwksMode = 'up';
  let rawBody: string | undefined;
  const sockets = new Set<Socket>();
  const stalled = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    hits += 1;
    if (mode === 'silent') return;
    if (mode === 'down') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return;
    }
    if (mode === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      stalled.add(res);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(rawBody ?? JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}/`;
  let serial = 0;

  const addKey = async (): Promise<SigningKey> => {
    serial += 1;
    const kid = `key-${serial}-${port}`;
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const key = {
      kid,
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    keys.unshift(key);
    return key;
  };
  await addKey();

  const sign: JwksServer['sign'] = (claims, options = {}) => {
    const key = keys.find((k) => k.kid === options.kid) ?? keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: options.kid ?? key.kid })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'https://api.test/')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  };

  return {
    issuer,
    jwksUri: `${issuer}.well-known/jwks.json`,
    get hits() {
      return hits;
    },
    get mode() {
      return mode;
    },
    set mode(next: JwksMode) {
      mode = next;
    },
    addKey,
    removeKey(kid) {
      const i = keys.findIndex((k) => k.kid === kid);
      if (i >= 0) keys.splice(i, 1);
    },
    setRawBody(body) {
      rawBody = body;
    },
    get keys() {
      return keys;
    },
    sign,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
