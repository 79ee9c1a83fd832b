import { context, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, type JWTHeaderParameters } from 'jose';
import { invalidToken } from '../auth-errors';
import { HttpProblem, problemTypes } from '../problems';
import { inDroppedTrace, serviceKitTracer } from '../telemetry/tracer';
import { clientAddressOf } from './client-address';
import { plainRs256Header, verifyRs256 } from './rs256-fast-path';
import {
  createInvalidTokenLimiter,
  type InvalidTokenLimiter,
  type InvalidTokenLimitOptions,
} from './invalid-token-limiter';
import {
  createKeySet,
  KeySetUnavailableError,
  type KeySet,
  type KeySetEvent,
  type KeySetOptions,
} from './key-set';
import {
  createTokenCache,
  tokenKey,
  type TokenCache,
  type TokenCacheOptions,
  type VerifiedToken,
} from './token-cache';

export interface ResilientVerifierOptions {
  /** The issuer exactly as tokens carry it in `iss`, trailing slash included (auth-config). */
  readonly issuer: string;
  /** From auth-config; never discovered. */
  readonly jwksUri: string;
  readonly audience: string;
  /** Names the API in WWW-Authenticate. Defaults to the audience, as createService does. */
  readonly realm?: string;
  /** Seconds of clock skew tolerated on exp/nbf. Default 5, as express-oauth2-jwt-bearer. */
  readonly clockToleranceSeconds?: number;
  /** Verified-token cache settings, a cache to share, or false to verify every request. */
  readonly cache?: TokenCacheOptions | TokenCache | false;
  /** Key-set settings (timeouts, refresh, cooldown), or a key set to share. */
  readonly keySet?: Omit<KeySetOptions, 'jwksUri'> | KeySet;
  /** 429 past this many invalid tokens per client, before verification; false turns it off. */
  readonly invalidTokenLimit?: InvalidTokenLimitOptions | false;
  /**
   * Who a request counts against for the limit. Default: the client's address as Express's
   * `trust proxy` (TRUST_PROXY) resolves it, an IPv6 address by its /64 (clientAddressOf).
   */
  readonly clientKey?: (req: Request) => string;
  /** Told about every JWKS fetch; createService logs them. */
  readonly onKeySetEvent?: (event: KeySetEvent) => void;
  /** Every check is a span `verify access token`, a cache hit included (then without crypto). */
  readonly tracer?: Tracer;
}

export interface VerifierStats {
  cacheHits: number;
  verified: number;
  rejected: number;
  rateLimited: number;
  keysUnavailable: number;
}

/** A TokenVerifier (Express middleware) that also shows its parts, for health, tests and bench. */
export type ResilientVerifier = RequestHandler & {
  readonly keySet: KeySet;
  readonly cache: TokenCache | undefined;
  readonly stats: Readonly<VerifierStats>;
};

const verifySpanName = 'verify access token';
const outcomeAttribute = 'auth.outcome';
const cacheHitAttributes = { 'auth.token_cache': 'hit', [outcomeAttribute]: 'valid' };
const cacheMissAttributes = { 'auth.token_cache': 'miss' };

function isKeySet(value: unknown): value is KeySet {
  return typeof value === 'object' && value !== null && 'keyFor' in value;
}

function isTokenCache(value: unknown): value is TokenCache {
  return typeof value === 'object' && value !== null && 'evictKids' in value;
}

class NoMatchingKey extends joseErrors.JOSEError {
  override readonly code = 'ERR_JWKS_NO_MATCHING_KEY';
  constructor() {
    super('no applicable key found in the JSON Web Key Set');
  }
}

function keysUnavailable(): HttpProblem {
  // 503, not 401: the token may be fine, and a 401 would make clients throw it away.
  return new HttpProblem(
    503,
    problemTypes.unavailable,
    'Access tokens cannot be checked right now; try again shortly.',
    {
      headers: { 'Retry-After': '5' },
    },
  );
}

function rateLimited(realm: string, retryAfterMs: number): HttpProblem {
  return new HttpProblem(
    429,
    problemTypes.tooManyRequests,
    `Too many invalid access tokens from this client for ${realm}; try again later.`,
    { headers: { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) } },
  );
}

/**
 * Verifies RS256 bearer tokens with jose against a last-good key set, behind a verified-token
 * cache and an invalid-token limiter. It keeps express-oauth2-jwt-bearer's contract: `req.auth`
 * is `{ payload, header, token }`, and a bad token is a 401 invalid_token with an RFC 6750
 * challenge. It exists because the library keeps no stale keys (an IdP outage longer than its
 * JWKS cache turns every valid token into a 401) and verifies every request (one RSA verify
 * costs about as much as the rest of the request).
 *
 * Expects the header normalised to `Bearer <token>` by bearerPrecheck, which createService
 * mounts first.
 */
export function resilientJwtVerifier(options: ResilientVerifierOptions): ResilientVerifier {
  const realm = options.realm ?? options.audience;
  const cache: TokenCache | undefined =
    options.cache === false
      ? undefined
      : isTokenCache(options.cache)
        ? options.cache
        : createTokenCache(options.cache);
  const onKeySetEvent = (event: KeySetEvent): void => {
    // A key pulled from the JWKS takes the tokens it signed out of the cache with it.
    if (event.type === 'keys-removed') cache?.evictKids(new Set(event.kids));
    options.onKeySetEvent?.(event);
  };
  const tracer = options.tracer ?? serviceKitTracer();
  const keySet = isKeySet(options.keySet)
    ? options.keySet
    : createKeySet({
        tracer,
        ...options.keySet,
        jwksUri: options.jwksUri,
        onEvent: chain(options.keySet?.onEvent, onKeySetEvent),
      });
  const limiter: InvalidTokenLimiter | undefined =
    options.invalidTokenLimit === false
      ? undefined
      : createInvalidTokenLimiter(options.invalidTokenLimit);
  const clientKey = options.clientKey ?? clientAddressOf;
  // A cache may be shared between verifiers: an entry counts only for the issuer and audience
  // that verified it.
  const binding = `${options.issuer} ${options.audience}`;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: ['RS256'],
    clockTolerance: options.clockToleranceSeconds ?? 5,
    requiredClaims: ['exp'],
  };
  const { algorithms: _algorithms, ...claimOptions } = verifyOptions;
  const stats: VerifierStats = {
    cacheHits: 0,
    verified: 0,
    rejected: 0,
    rateLimited: 0,
    keysUnavailable: 0,
  };

  const getKey = async (header: JWTHeaderParameters) => {
    const key = await keySet.keyFor({ kid: header.kid, alg: header.alg });
    if (!key) throw new NoMatchingKey();
    return key;
  };

  async function verify(req: Request, token: string, cacheKey: string, span: Span): Promise<void> {
    const client = limiter ? clientKey(req) : '';
    const wait = limiter ? await limiter.acquire(client) : 0;
    if (wait > 0) {
      stats.rateLimited += 1;
      span.setAttribute(outcomeAttribute, 'rate_limited');
      throw rateLimited(realm, wait);
    }
    let result: VerifiedToken;
    let failed = false;
    try {
      // The plain case (RS256 from a known key) without WebCrypto; anything else, and every
      // refusal's wording, is jose's.
      const header = plainRs256Header(token);
      const key = header
        ? await keySet.keyFor({ kid: header.kid as string | undefined, alg: 'RS256' })
        : undefined;
      const fast = header && key ? verifyRs256(token, header, key, claimOptions) : undefined;
      const { payload, protectedHeader } = fast
        ? { payload: fast.payload, protectedHeader: fast.header as JWTHeaderParameters }
        : await jwtVerify(token, getKey, verifyOptions);
      const odd = oddClaim(payload);
      if (odd)
        throw new joseErrors.JWTClaimValidationFailed(
          `Unexpected '${odd}' value`,
          payload,
          odd,
          'check_failed',
        );
      result = { payload, header: protectedHeader };
    } catch (error) {
      if (error instanceof KeySetUnavailableError) {
        stats.keysUnavailable += 1;
        span.setAttribute(outcomeAttribute, 'keys_unavailable');
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        throw keysUnavailable();
      }
      if (error instanceof joseErrors.JOSEError) {
        stats.rejected += 1;
        failed = true;
        // A refused token is the check working, not a failure of it: no error status.
        span.setAttribute(outcomeAttribute, 'invalid');
        span.setAttribute('auth.failure', error.code);
        throw invalidToken(realm, error.message);
      }
      throw error;
    } finally {
      limiter?.settle(client, failed);
    }
    stats.verified += 1;
    span.setAttribute(outcomeAttribute, 'valid');
    cache?.set(token, result, binding, cacheKey);
    setAuth(req, token, result);
  }

  const middleware: RequestHandler = (req, _res, next) => {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      // Only reachable when mounted without bearerPrecheck; fail closed.
      next(invalidToken(realm, 'The request carries no bearer token.'));
      return;
    }
    const token = header.slice(7);
    // Hashed once: a miss stores the token under the same key.
    const cacheKey = cache ? tokenKey(token) : '';
    const hit = cache?.get(token, binding, cacheKey);
    if (hit) {
      // The hot path stays synchronous: no promise, no crypto beyond one SHA-256.
      stats.cacheHits += 1;
      // No span at all in a trace the sampler dropped: it would be dropped too. Attributes only
      // on a span that records: the SDK sanitises creation attributes before it samples.
      if (!inDroppedTrace()) {
        const span = tracer.startSpan(verifySpanName);
        if (span.isRecording()) span.setAttributes(cacheHitAttributes);
        span.end();
      }
      setAuth(req, token, hit);
      next();
      return;
    }
    const span = tracer.startSpan(verifySpanName, { attributes: cacheMissAttributes });
    // The JWKS fetch is the span's child; the routes after it are not (they continue in the
    // request's context, where `then` is attached).
    const verified = context.with(trace.setSpan(context.active(), span), () =>
      verify(req, token, cacheKey, span),
    );
    verified.then(
      () => {
        span.end();
        next();
      },
      (error: unknown) => {
        span.end();
        next(error);
      },
    );
  };

  return Object.assign(middleware, { keySet, cache, stats });
}

/**
 * express-oauth2-jwt-bearer's non-strict validators beyond what jose checks: these claims, when
 * present, must be strings. Same message as the library's, so logs read the same.
 */
function oddClaim(payload: Readonly<Record<string, unknown>>): string | undefined {
  return ['sub', 'client_id', 'jti'].find(
    (claim) => payload[claim] !== undefined && typeof payload[claim] !== 'string',
  );
}

function setAuth(req: Request, token: string, verified: VerifiedToken): void {
  (req as Request & { auth?: unknown }).auth = {
    payload: verified.payload,
    header: verified.header,
    token,
  };
}

function chain(
  a: ((e: KeySetEvent) => void) | undefined,
  b: (e: KeySetEvent) => void,
): (e: KeySetEvent) => void {
  return (event) => {
    a?.(event);
    b(event);
  };
}
