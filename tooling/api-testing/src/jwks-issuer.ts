import { KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { MintOptions, TestIdp } from './test-idp';

export interface JwksIssuer extends TestIdp {
  /** The kid of its one signing key. */
  readonly kid: string;
  /** An RS256 signature (base64url) over any signing input: for hand-crafted, hostile tokens. */
  signRaw(signingInput: string): string;
  stop(): Promise<void>;
}

/**
 * A minimal real token issuer: an RS256 key, a JWKS endpoint over HTTP on a free port, and a
 * minting function. For service-kit's own tests; an API's tests use @repo/local-idp (the same
 * `TestIdp` shape), which also speaks OAuth. The issuer uses `localhost`, like the local IdP.
 */
export async function startJwksIssuer(): Promise<JwksIssuer> {
  const kid = `test-${Date.now()}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}/`;
  return {
    issuer,
    jwksUri: `${issuer}.well-known/jwks.json`,
    kid,
    signRaw: (input) =>
      sign('sha256', Buffer.from(input), KeyObject.from(privateKey)).toString('base64url'),
    jwks: () => jwks,
    mintAccessToken: (o: MintOptions) => {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({
        ...(o.claims ?? {}),
        ...(o.scope !== undefined ? { scope: o.scope } : {}),
        ...(o.permissions ? { permissions: o.permissions } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: o.kid ?? kid })
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience)
        .setSubject(o.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + (o.expiresIn ?? 300));
      if (o.notBefore !== undefined) jwt.setNotBefore(now + o.notBefore);
      return jwt.sign(privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
