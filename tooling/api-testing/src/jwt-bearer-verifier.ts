import type { TokenVerifier } from '@repo/service-kit';
import { auth } from 'express-oauth2-jwt-bearer';

export interface JwtVerifierOptions {
  /** The issuer exactly as tokens carry it in `iss`, trailing slash included. */
  readonly issuer: string;
  readonly jwksUri: string;
  readonly audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  readonly clockToleranceSeconds?: number;
}

/**
 * The test oracle: express-oauth2-jwt-bearer, the library Auth0's samples use, as is. Issuer and
 * JWKS URL are given explicitly (`issuerBaseURL` would run OIDC discovery, which has no working
 * timeout when the issuer is silent); RS256 only, so an `alg: none` or an HS256 token signed with
 * the public key is refused. service-kit's verifier must answer every matrix case as this does.
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
