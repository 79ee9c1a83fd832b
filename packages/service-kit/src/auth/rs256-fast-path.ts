import { KeyObject, verify as rsaVerify, type webcrypto } from 'node:crypto';
import { decodeProtectedHeader, UnsecuredJWT, type JWTClaimVerificationOptions } from 'jose';
import type { VerifiedToken } from './token-cache';

const base64url = /^[A-Za-z0-9_-]+$/;
const keyObjects = new WeakMap<object, KeyObject | null>();
// WebCrypto's key class (what jose's importJWK returns); node:crypto's typings name it only as a type.
const CryptoKeyClass = (globalThis as { CryptoKey?: abstract new () => object }).CryptoKey;

/** The node:crypto key behind a key-set entry, when it is an RSA key jose would accept for RS256. */
function rsaKeyOf(key: unknown): KeyObject | undefined {
  if (typeof key !== 'object' || key === null) return undefined;
  let found = keyObjects.get(key);
  if (found === undefined) {
    const algorithm = (key as Partial<webcrypto.CryptoKey>).algorithm as
      { name?: string; modulusLength?: number; hash?: { name?: string } } | undefined;
    found =
      CryptoKeyClass !== undefined &&
      key instanceof CryptoKeyClass &&
      algorithm?.name === 'RSASSA-PKCS1-v1_5' &&
      algorithm.hash?.name === 'SHA-256' &&
      (algorithm.modulusLength ?? 0) >= 2048
        ? KeyObject.from(key as webcrypto.CryptoKey)
        : null;
    keyObjects.set(key, found);
  }
  return found ?? undefined;
}

/** The token's header when the fast path applies to it: RS256, no crit or b64 extension. */
export function plainRs256Header(token: string): Record<string, unknown> | undefined {
  try {
    const header = decodeProtectedHeader(token) as Record<string, unknown>;
    return header.alg === 'RS256' && header.crit === undefined && header.b64 === undefined
      ? header
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies an RS256 JWT the way jose's jwtVerify does, minus WebCrypto: jose verifies through
 * `crypto.subtle`, a job on the thread pool and a promise per token, which measured 4× the RSA
 * verify itself (about 100 µs against 25 µs, tests/bench/README.md). Here the signature is
 * checked synchronously with node:crypto and the claims by jose's own claim validation
 * (UnsecuredJWT.decode runs the same checks, with the same errors, on the same payload).
 *
 * Returns undefined whenever anything is not exactly the plain case (a key that is not an RSA
 * key of 2048 bits or more, a segment that is not canonical base64url, a signature that does not
 * verify): the caller then runs jose's jwtVerify, which decides and words the refusal. A claim
 * that fails (expired, wrong audience, …) throws jose's error, as jwtVerify would.
 */
export function verifyRs256(
  token: string,
  header: Record<string, unknown>,
  key: unknown,
  claims: JWTClaimVerificationOptions,
): VerifiedToken | undefined {
  const rsaKey = rsaKeyOf(key);
  if (!rsaKey) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  if (!base64url.test(head) || !base64url.test(body) || !base64url.test(signature))
    return undefined;
  const bytes = Buffer.from(signature, 'base64url');
  // Canonical only: Buffer's decoder forgives what jose's refuses.
  if (bytes.toString('base64url') !== signature) return undefined;
  if (!rsaVerify('sha256', Buffer.from(`${head}.${body}`), rsaKey, bytes)) return undefined;
  const { payload } = UnsecuredJWT.decode(`eyJhbGciOiJub25lIn0.${body}.`, claims);
  return { payload, header };
}
