/**
 * Issuer and JWKS URL, derived once from AUTH0_DOMAIN. Auth0's issuer always ends in `/`, and
 * token verifiers compare `iss` character for character, so the slash is never optional here.
 */
export interface IssuerUrls {
  /** `https://tenant.auth0.com/` or `http://localhost:4000/`. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** The origin, without the trailing slash, as nextjs-auth0's `domain` option wants it. */
  readonly domainUrl: string;
}

/** Accepts a bare tenant domain (`tenant.eu.auth0.com`) or a full URL (`http://localhost:4000`). */
export function deriveIssuerUrls(domain: string): IssuerUrls {
  const trimmed = domain.trim().replace(/\/+$/, '');
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = new URL(withScheme);
  const domainUrl = url.origin;
  const issuer = `${domainUrl}/`;
  return { issuer, jwksUri: `${issuer}.well-known/jwks.json`, domainUrl };
}
