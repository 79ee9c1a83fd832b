import { createPublicKey } from 'node:crypto';
import { SignJWT, UnsecuredJWT, decodeProtectedHeader, generateKeyPair, type JWK } from 'jose';
import type { TestIdp } from './test-idp';

export interface AttackClaims {
  readonly issuer: string;
  readonly audience: string;
  readonly sub: string;
  readonly scope: string;
}

function b64url(data: string): string {
  return Buffer.from(data).toString('base64url');
}

/** A real token whose payload was changed after signing: the signature no longer matches. */
export function tamperedSignatureToken(validToken: string): string {
  const [header, payload, signature] = validToken.split('.');
  if (!header || !payload || !signature) throw new Error('not a JWS');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  claims.sub = `${String(claims.sub)}-tampered`;
  return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
}

/** `alg: none` with otherwise perfect claims. */
export function algNoneToken(claims: AttackClaims): string {
  return new UnsecuredJWT({ scope: claims.scope })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .encode();
}

/**
 * The classic key-confusion attack: HS256 with the IdP's RSA *public* key (PEM) as the HMAC
 * secret, under the real key's kid. A verifier that lets the token pick its algorithm accepts it.
 */
export async function hs256WithPublicKeyToken(
  claims: AttackClaims,
  idp: TestIdp,
  kidOf?: string,
): Promise<string> {
  const { keys } = await idp.jwks();
  const jwk =
    (kidOf ? keys.find((k) => k.kid === kidOf) : undefined) ?? keys.find((k) => k.kty === 'RSA');
  if (!jwk) throw new Error('the IdP publishes no RSA key');
  const pem = createPublicKey({ key: jwk as JWK & { kty: string }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(pem));
}

/** Correct claims, RS256, signed by a key the IdP never published, under a kid it does not know. */
export async function unknownKidToken(claims: AttackClaims): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: `unknown-${Date.now()}` })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

export function kidOf(token: string): string | undefined {
  return decodeProtectedHeader(token).kid;
}
