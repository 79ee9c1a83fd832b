import { apis } from '@repo/auth-config';
import { describe, expect, it } from 'vitest';
import {
  audiencesToRefresh,
  isRefreshCandidate,
  type SessionTokens,
} from '../src/lib/refresh-plan';

const orders = apis.orders.audience;
const profile = apis.profile.audience;
const audiences = [orders, profile];
const now = 1_000_000;
const leeway = 60;

function plan(session: SessionTokens) {
  return audiencesToRefresh({
    session,
    audiences,
    defaultAudience: orders,
    nowSeconds: now,
    leewaySeconds: leeway,
  });
}

describe('audiencesToRefresh', () => {
  it('refreshes nothing when every token outlives the leeway', () => {
    expect(
      plan({
        tokenSet: { audience: orders, expiresAt: now + 3600, refreshToken: 'rt' },
        accessTokens: [{ audience: profile, expiresAt: now + 3600 }],
      }),
    ).toEqual([]);
  });

  it('fetches the token of an audience the session has none for yet', () => {
    expect(
      plan({ tokenSet: { audience: orders, expiresAt: now + 3600, refreshToken: 'rt' } }),
    ).toEqual([profile]);
  });

  it('refreshes tokens that expire within the leeway or already expired, in registry order', () => {
    expect(
      plan({
        tokenSet: { audience: orders, expiresAt: now + leeway, refreshToken: 'rt' },
        accessTokens: [{ audience: profile, expiresAt: now - 5 }],
      }),
    ).toEqual([orders, profile]);
    expect(
      plan({
        tokenSet: { audience: orders, expiresAt: now + leeway + 1, refreshToken: 'rt' },
        accessTokens: [{ audience: profile, expiresAt: now + 10 }],
      }),
    ).toEqual([profile]);
  });

  it('treats a top-level token without an audience as the default audience', () => {
    expect(
      plan({
        tokenSet: { expiresAt: now + 3600, refreshToken: 'rt' },
        accessTokens: [{ audience: profile, expiresAt: now + 3600 }],
      }),
    ).toEqual([]);
  });

  it('uses the latest of several tokens for one audience', () => {
    expect(
      plan({
        tokenSet: { audience: orders, expiresAt: now + 3600, refreshToken: 'rt' },
        accessTokens: [
          { audience: profile, expiresAt: now - 100 },
          { audience: profile, expiresAt: now + 3600 },
        ],
      }),
    ).toEqual([]);
  });

  it('plans nothing without a refresh token', () => {
    expect(plan({ tokenSet: { audience: orders, expiresAt: now - 1 } })).toEqual([]);
  });
});

function req(method: string, pathname: string, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  return { method, pathname, headers: { get: (n: string) => h.get(n) } };
}

describe('isRefreshCandidate', () => {
  it('accepts document loads and client-side (RSC) navigations', () => {
    expect(isRefreshCandidate(req('GET', '/dashboard', { 'sec-fetch-dest': 'document' }))).toBe(
      true,
    );
    expect(
      isRefreshCandidate(req('GET', '/dashboard', { accept: 'text/html,application/xhtml+xml' })),
    ).toBe(true);
    expect(isRefreshCandidate(req('GET', '/orders', { rsc: '1' }))).toBe(true);
  });

  it('skips prefetches, auth routes, non-GET requests and non-page fetches', () => {
    expect(
      isRefreshCandidate(req('GET', '/orders', { rsc: '1', 'next-router-prefetch': '1' })),
    ).toBe(false);
    expect(
      isRefreshCandidate(req('GET', '/orders', { accept: 'text/html', purpose: 'prefetch' })),
    ).toBe(false);
    expect(isRefreshCandidate(req('GET', '/auth/access-token', { accept: 'text/html' }))).toBe(
      false,
    );
    expect(
      isRefreshCandidate(req('POST', '/orders', { accept: 'text/html', 'next-action': 'abc' })),
    ).toBe(false);
    expect(isRefreshCandidate(req('GET', '/healthz', { accept: 'application/json' }))).toBe(false);
  });
});
