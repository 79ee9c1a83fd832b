import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { grantsScope } from '../src/lib/token-claims';

const tokenWith = (claims: Record<string, unknown>) => new UnsecuredJWT(claims).encode();

describe('grantsScope (the admin pages’ guard)', () => {
  it('reads Auth0 RBAC permissions and the scope claim', () => {
    expect(
      grantsScope(tokenWith({ permissions: ['read:orders', 'admin:orders'] }), 'admin:orders'),
    ).toBe(true);
    expect(grantsScope(tokenWith({ scope: 'read:orders admin:orders' }), 'admin:orders')).toBe(
      true,
    );
  });

  it('refuses a token without it, and anything that is not a token', () => {
    expect(
      grantsScope(
        tokenWith({ permissions: ['read:orders'], scope: 'read:orders' }),
        'admin:orders',
      ),
    ).toBe(false);
    expect(grantsScope(tokenWith({ scope: 'admin:orders:extra' }), 'admin:orders')).toBe(false);
    expect(grantsScope('not-a-jwt', 'admin:orders')).toBe(false);
  });
});
