import { KeyObject, verify as rsaVerify, type webcrypto } from 'node:crypto';
import { decodeProtectedHeader, UnsecuredJWT, type JWTClaimVerificationOptions } from 'jose';
import { deepFreeze, type VerifiedToken } from './token-cache';

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

/**
 * Headers already seen on a token whose signature verified, by their encoded segment: every token
 * from one signing key carries the same header, so a cold token skips decoding it. Only the
 * headers of tokens whose signature verified go in (a forged header never does), and at most
 * `maxKnownHeaders` of them.
 */
const knownHeaders = new Map<string, Readonly<Record<string, unknown>>>();
const maxKnownHeaders = 32;

function rememberHeader(segment: string, header: Record<string, unknown>): void {
  if (knownHeaders.has(segment)) return;
  if (knownHeaders.size >= maxKnownHeaders) knownHeaders.clear();
  // Shared by every request with this header: frozen, as the token cache freezes it.
  knownHeaders.set(segment, deepFreeze(header));
}

/** The token's header when the fast path applies to it: RS256, no crit or b64 extension. */
export function plainRs256Header(token: string): Readonly<Record<string, unknown>> | undefined {
  const end = token.indexOf('.');
  const known = end > 0 ? knownHeaders.get(token.slice(0, end)) : undefined;
  if (known) return known;
  try {
    const header = decodeProtectedHeader(token) as Record<string, unknown>;
    return header.alg === 'RS256' && header.crit === undefined && header.b64 === undefined
      ? header
      : undefined;
  } catch {
    return undefined;
  }
}

/** The claim checks resilientJwtVerifier asks of jose, and nothing else. */
export interface PlainClaimOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly clockTolerance: number;
  readonly requiredClaims: readonly string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The payload when it decodes and passes every check jose's claim validation would make with
 * these options (validateClaimsSet in jose/dist/webapi/lib/jwt_claims_set.js), else undefined:
 * it never passes a payload jose would refuse, and the caller hands anything else to jose, which
 * decides and words the refusal.
 */
function plainClaims(
  body: string,
  options: PlainClaimOptions,
): Record<string, unknown> | undefined {
  // Buffer's decoder drops a dangling sixth of a byte where jose's (atob) refuses the segment.
  if (body.length % 4 === 1) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(strictUtf8.decode(Buffer.from(body, 'base64url')));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
  const c = claims as Record<string, unknown>;
  for (const claim of options.requiredClaims) if (!Object.hasOwn(c, claim)) return undefined;
  if (c.iss !== options.issuer) return undefined;
  const aud = c.aud;
  if (aud !== options.audience && !(Array.isArray(aud) && aud.includes(options.audience)))
    return undefined;
  const now = Math.floor(Date.now() / 1000);
  const { iat, nbf, exp } = c;
  if (iat !== undefined && typeof iat !== 'number') return undefined;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + options.clockTolerance))
    return undefined;
  if (exp !== undefined && (typeof exp !== 'number' || exp <= now - options.clockTolerance))
    return undefined;
  return c;
}

/**
 * Verifies an RS256 JWT the way jose's jwtVerify does, minus WebCrypto: jose verifies through
 * `crypto.subtle`, a job on the thread pool and a promise per token, which measured 4× the RSA
 * verify itself (about 100 µs against 25 µs, tests/bench/README.md). Here the signature is
 * checked synchronously with node:crypto. The claims of the common case (every check passes) are
 * checked here (plainClaims); any other payload goes to jose's own claim validation
 * (UnsecuredJWT.decode runs the same checks, with the same errors, on the same payload). Decoding
 * through jose twice (a header it never needed, its base64 decoder in JavaScript) cost about half
 * as much as the RSA verify itself on a cold token (tests/bench/README.md).
 *
 * Returns undefined whenever anything is not exactly the plain case (a key that is not an RSA
 * key of 2048 bits or more, a segment that is not canonical base64url, a signature that does not
 * verify): the caller then runs jose's jwtVerify, which decides and words the refusal. A claim
 * that fails (expired, wrong audience, …) throws jose's error, as jwtVerify would.
 */
export function verifyRs256(
  token: string,
  header: Readonly<Record<string, unknown>>,
  key: unknown,
  claims: PlainClaimOptions,
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
  // The signing input is base64url, i.e. ASCII: latin1 gives the same bytes as UTF-8, faster.
  const signed = Buffer.from(token.slice(0, head.length + 1 + body.length), 'latin1');
  if (!rsaVerify('sha256', signed, rsaKey, bytes)) return undefined;
  rememberHeader(head, header);
  // The common case decodes and checks the claims here; anything else goes through jose's own
  // claim validation (UnsecuredJWT.decode runs it on the same payload), which throws jose's error.
  const payload =
    plainClaims(body, claims) ??
    UnsecuredJWT.decode(`eyJhbGciOiJub25lIn0.${body}.`, claims as JWTClaimVerificationOptions)
      .payload;
  return { payload, header };
}
