import { describe, expect, it } from 'vitest';
import { deriveIssuerUrls } from '../src/index';

describe('deriveIssuerUrls', () => {
  it('turns a bare tenant domain into an https issuer with a trailing slash', () => {
    expect(deriveIssuerUrls('tenant.eu.auth0.com')).toEqual({
      issuer: 'https://tenant.eu.auth0.com/',
      jwksUri: 'https://tenant.eu.auth0.com/.well-known/jwks.json',
      domainUrl: 'https://tenant.eu.auth0.com',
    });
  });

  it('keeps the scheme and port of a local URL, with or without a slash', () => {
    for (const domain of ['http://localhost:4000', 'http://localhost:4000/']) {
      expect(deriveIssuerUrls(domain).issuer).toBe('http://localhost:4000/');
    }
  });
});
