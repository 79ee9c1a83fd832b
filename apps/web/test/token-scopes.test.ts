import { apis, loadWebEnv, scopesOf } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import { createAuth0Client, defaultAudienceOf } from '../src/lib/auth0';
import { scopeMapFor } from '../src/lib/token-scopes';

const env = loadWebEnv({ source: {}, log: () => undefined });

describe('the MRRT scope map', () => {
  it('asks for every registered API with its registry scopes, identity scopes on the login audience only', () => {
    const map = scopeMapFor(Object.values(env.apis), apis.orders.audience);
    expect(map[apis.orders.audience]!.split(' ')).toEqual([
      'openid',
      'profile',
      'email',
      'offline_access',
      ...scopesOf('orders'),
    ]);
    expect(map[apis.profile.audience]!.split(' ')).toEqual(scopesOf('profile'));
  });

  it('follows an overridden audience from the env', () => {
    const custom = loadWebEnv({
      source: { PROFILE_API_AUDIENCE: 'urn:custom:profile' },
      log: () => undefined,
    });
    const map = scopeMapFor(Object.values(custom.apis), defaultAudienceOf(custom));
    expect(Object.keys(map)).toContain('urn:custom:profile');
  });
});

describe('createAuth0Client', () => {
  it('builds from the local profile without any I/O', () => {
    expect(() => createAuth0Client(env)).not.toThrow();
  });
});
