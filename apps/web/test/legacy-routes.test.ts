import { describe, expect, it } from 'vitest';
import config, { legacyAuthRoutes } from '../next.config';

describe('v3 auth routes', () => {
  it('answer a permanent redirect to the v4 route', async () => {
    const redirects = await config.redirects!();
    expect(redirects).toEqual([
      { source: '/api/auth/login', destination: '/auth/login', permanent: true },
      { source: '/api/auth/logout', destination: '/auth/logout', permanent: true },
      { source: '/api/auth/callback', destination: '/auth/callback', permanent: true },
      { source: '/api/auth/me', destination: '/auth/profile', permanent: true },
    ]);
    expect(legacyAuthRoutes).toHaveLength(4);
  });
});
