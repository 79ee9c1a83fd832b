import type { JWK } from 'jose';

/** What the matrix needs from an IdP; `@repo/local-idp`'s `startLocalIdp()` result fits it. */
export interface MintOptions {
  sub: string;
  audience: string;
  scope?: string;
  permissions?: string[];
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. */
  notBefore?: number;
  issuer?: string;
  kid?: string;
  claims?: Record<string, unknown>;
}

export interface TestIdp {
  readonly issuer: string;
  readonly jwksUri: string;
  mintAccessToken(options: MintOptions): Promise<string>;
  jwks(): Promise<{ keys: JWK[] }> | { keys: JWK[] };
}
