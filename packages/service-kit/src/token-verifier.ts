import type { RequestHandler } from 'express';
import { auth } from 'express-oauth2-jwt-bearer';

/**
 * The step that verifies the bearer token and sets `req.auth` ({ payload, header, token }), or
 * passes an error carrying `status`, `code` and `headers` to `next`. It is its own module so it
 * can be swapped, e.g. for a verifier with a verified-token cache and a JWKS key-set manager:
 * anything with this shape plugs into `createService({ verifyToken })`.
 */
export type TokenVerifier = RequestHandler;

export interface JwtVerifierOptions {
  /** The issuer exactly as tokens carry it in `iss`, trailing slash included. */
  readonly issuer: string;
  readonly jwksUri: string;
  readonly audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  readonly clockToleranceSeconds?: number;
}

/**
 * express-oauth2-jwt-bearer with issuer and JWKS URL given explicitly. `issuerBaseURL` would run
 * OIDC discovery, which has no working timeout when the issuer is silent; RS256 only, so an
 * `alg: none` or an HS256 token signed with the public key is refused.
 */
export function jwtBearerVerifier(options: JwtVerifierOptions): TokenVerifier {
  return auth({
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    audience: options.audience,
    tokenSigningAlg: 'RS256',
    clockTolerance: options.clockToleranceSeconds ?? 5,
    // Plain bearer tokens only: DPoP would add its own challenges to every 401.
    dpop: { enabled: false },
    // A slow JWKS endpoint must not hold requests for long.
    timeoutDuration: 5000,
  });
}
