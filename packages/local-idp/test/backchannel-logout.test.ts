import { afterEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { apis, localWebClient } from '@repo/auth-config';
import {
  startLocalIdp,
  type EndUserSessionsResult,
  type LocalIdp,
  type LogoutDelivery,
  type StartOptions,
} from '../src/index';
import type { Agent } from './support/browserless';
import { callback, loginAs, webClientConfig } from './support/login';
import { logoutThroughBrowser } from './support/logout';
import { deadLogoutUri, startLogoutReceiver } from './support/logout-receiver';

/**
 * OIDC Back-Channel Logout as the web app would receive it: a real HTTP receiver on a free port
 * stands in for its /auth/backchannel-logout route, users sign in through the login form over
 * HTTP (one cookie jar per "browser"), and every logout token is verified with jose against the
 * IdP's published JWKS.
 */
const orders = apis.orders.audience;
const backchannelEvent = 'http://schemas.openid.net/event/backchannel-logout';
const returnTo = 'http://localhost:39999';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((stop) => stop()));
});

async function receiver(options?: Parameters<typeof startLogoutReceiver>[0]) {
  const r = await startLogoutReceiver(options);
  cleanup.push(() => r.close());
  return r;
}

/** The IdP, posting logout tokens to `uri`, with every delivery report kept for assertions. */
async function idpPostingTo(uri: string, extra: StartOptions = {}) {
  const reports: LogoutDelivery[] = [];
  const idp = await startLocalIdp({
    port: 0,
    backchannelLogoutUri: uri,
    onBackchannelLogout: (d) => reports.push(d),
    ...extra,
  });
  cleanup.push(() => idp.stop());
  const config = await webClientConfig(idp.issuer);
  const jwks = createRemoteJWKSet(new URL(idp.jwksUri));
  /** One browser signing in: its own cookie jar, its own IdP session. */
  const signIn = async (user: string) => {
    const { tokens, agent } = await loginAs(config, user, {
      audience: orders,
      scope: 'openid profile email offline_access read:orders',
    });
    const sid = tokens.claims()?.sid;
    if (typeof sid !== 'string') throw new Error('the ID token carries no sid');
    return { tokens, agent, sid, refreshToken: tokens.refresh_token! };
  };
  const refresh = (refreshToken: string) =>
    oidc.refreshTokenGrant(config, refreshToken, { audience: orders });
  /** Whether this browser still has an IdP session: /authorize goes straight back, no form. */
  const signedIn = async (agent: Agent) => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callback,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    return (await agent.follow(url.href, callback)).finalUrl.startsWith(callback);
  };
  return { idp, config, jwks, reports, signIn, refresh, signedIn };
}

/** Checks a logout token as OIDC Back-Channel Logout 1.0 section 2.6 says a receiver must. */
async function verifyLogoutToken(
  idp: LocalIdp,
  jwks: ReturnType<typeof createRemoteJWKSet>,
  token: string | null,
): Promise<JWTPayload & { sid?: string; events?: Record<string, unknown> }> {
  expect(token).toBeTruthy();
  const { payload, protectedHeader } = await jwtVerify(token!, jwks, {
    issuer: idp.issuer,
    audience: localWebClient.clientId,
    algorithms: ['RS256'],
    requiredClaims: ['iat', 'jti', 'sub', 'sid', 'events'],
  });
  expect(protectedHeader.typ).toBe('logout+jwt');
  expect(payload.aud).toBe(localWebClient.clientId);
  expect(typeof payload.iat).toBe('number');
  expect(typeof payload.jti).toBe('string');
  expect(payload.events).toEqual({ [backchannelEvent]: {} });
  expect(payload).not.toHaveProperty('nonce');
  return payload as JWTPayload & { sid?: string; events?: Record<string, unknown> };
}

describe('the web client registration', () => {
  it('announces back-channel logout with sessions, and puts a different sid in each browser’s ID token', async () => {
    const r = await receiver();
    const { idp, signIn } = await idpPostingTo(r.uri);
    const meta = (await (
      await fetch(`${idp.issuer}.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
    });
    const first = await signIn('alice');
    const second = await signIn('alice');
    expect(first.sid).not.toBe(second.sid);
    expect(idp.backchannelLogoutUri).toBe(r.uri);
  });

  it('posts only to http URLs on this machine', async () => {
    for (const uri of [
      'https://app.example.com/auth/backchannel-logout',
      'http://app.example.com/auth/backchannel-logout',
    ]) {
      await expect(startLocalIdp({ port: 0, backchannelLogoutUri: uri })).rejects.toThrow(
        /not an http URL on this machine/,
      );
    }
  });
});

describe('ending every session of a user', () => {
  it('sends one logout token per session, each with its sid, and the refresh tokens stop working', async () => {
    const r = await receiver();
    const { idp, jwks, signIn, refresh, signedIn } = await idpPostingTo(r.uri);
    const laptop = await signIn('alice');
    const phone = await signIn('alice');
    const bob = await signIn('bob');

    const result = await idp.endUserSessions('auth0|alice');

    expect(result).toMatchObject({ sub: 'auth0|alice', sessionsEnded: 2, grantsRevoked: 2 });
    expect(result.failed).toEqual([]);
    expect(result.delivered.map((d) => d.sid).sort()).toEqual([laptop.sid, phone.sid].sort());
    expect(r.received).toHaveLength(2);
    const payloads = await Promise.all(
      r.received.map(async (got) => {
        expect(got.contentType).toBe('application/x-www-form-urlencoded');
        return verifyLogoutToken(idp, jwks, got.logoutToken);
      }),
    );
    expect(payloads.map((p) => p.sub)).toEqual(['auth0|alice', 'auth0|alice']);
    expect(payloads.map((p) => p.sid).sort()).toEqual([laptop.sid, phone.sid].sort());
    expect(payloads[0]!.jti).not.toBe(payloads[1]!.jti);

    for (const session of [laptop, phone]) {
      expect(await signedIn(session.agent)).toBe(false);
      await expect(refresh(session.refreshToken)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    }
    // Another user is not touched.
    expect(await signedIn(bob.agent)).toBe(true);
    expect((await refresh(bob.refreshToken)).access_token).toBeTruthy();
  });

  it('is also DELETE /api/v2/users/{id}/sessions on the IdP, answering what it did', async () => {
    const r = await receiver();
    const { idp, jwks, signIn, refresh } = await idpPostingTo(r.uri);
    const session = await signIn('alice');
    const url = `${idp.issuer}api/v2/users/${encodeURIComponent('auth0|alice')}/sessions`;

    const res = await fetch(url, { method: 'DELETE' });

    expect(res.status).toBe(200);
    const body = (await res.json()) as EndUserSessionsResult;
    expect(body).toMatchObject({ sessionsEnded: 1, failed: [] });
    expect(body.delivered).toEqual([
      expect.objectContaining({ sid: session.sid, sub: 'auth0|alice', ok: true, uri: r.uri }),
    ]);
    expect(r.received).toHaveLength(1);
    expect((await verifyLogoutToken(idp, jwks, r.received[0]!.logoutToken)).sid).toBe(session.sid);
    await expect(refresh(session.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });

    // Nothing left: the same call ends nothing and sends nothing.
    expect(await (await fetch(url, { method: 'DELETE' })).json()).toMatchObject({
      sessionsEnded: 0,
      delivered: [],
    });
    expect(r.received).toHaveLength(1);
  });

  it('answers only DELETE, and 404 for a user the IdP does not have', async () => {
    const r = await receiver();
    const { idp } = await idpPostingTo(r.uri);
    const url = (sub: string) => `${idp.issuer}api/v2/users/${encodeURIComponent(sub)}/sessions`;
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const res = await fetch(url('auth0|alice'), { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('DELETE');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect((await fetch(url('auth0|mallory'), { method: 'DELETE' })).status).toBe(404);
    expect(r.received).toEqual([]);
  });
});

describe('RP-initiated logout', () => {
  it.each([
    ['the end-session endpoint', 'oidc'],
    ['Auth0’s /v2/logout', 'v2'],
  ] as const)(
    'through %s sends one logout token, for that browser’s session only',
    async (_name, via) => {
      const r = await receiver();
      const { idp, config, jwks, reports, signIn, refresh, signedIn } = await idpPostingTo(r.uri);
      const laptop = await signIn('alice');
      const phone = await signIn('alice');

      const start =
        via === 'oidc'
          ? oidc.buildEndSessionUrl(config, {
              id_token_hint: laptop.tokens.id_token!,
              post_logout_redirect_uri: returnTo,
            }).href
          : `${idp.issuer}v2/logout?returnTo=${encodeURIComponent(returnTo)}&client_id=${localWebClient.clientId}`;
      expect(new URL(await logoutThroughBrowser(laptop.agent, start, returnTo)).origin).toBe(
        returnTo,
      );

      // The end-session endpoint answers only after its deliveries settle: nothing else comes.
      expect(r.received).toHaveLength(1);
      const payload = await verifyLogoutToken(idp, jwks, r.received[0]!.logoutToken);
      expect(payload).toMatchObject({ sub: 'auth0|alice', sid: laptop.sid });
      expect(reports).toEqual([
        expect.objectContaining({ ok: true, sid: laptop.sid, sub: 'auth0|alice', uri: r.uri }),
      ]);

      expect(await signedIn(laptop.agent)).toBe(false);
      // The phone is another IdP session: still signed in, its refresh token still works.
      expect(await signedIn(phone.agent)).toBe(true);
      expect((await refresh(phone.refreshToken)).access_token).toBeTruthy();
    },
  );
});

describe('a web app that is down or slow', () => {
  it('does not stop logout: the failure is reported, the session still ends', async () => {
    const { idp, config, reports, signIn, refresh, signedIn } = await idpPostingTo(
      await deadLogoutUri(),
    );
    const laptop = await signIn('alice');
    const phone = await signIn('alice');

    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: laptop.tokens.id_token!,
      post_logout_redirect_uri: returnTo,
    });
    expect(new URL(await logoutThroughBrowser(laptop.agent, logout.href, returnTo)).origin).toBe(
      returnTo,
    );
    expect(reports).toEqual([
      expect.objectContaining({ ok: false, sid: laptop.sid, error: expect.any(String) }),
    ]);
    expect(await signedIn(laptop.agent)).toBe(false);

    const result = await idp.endUserSessions('auth0|alice');
    expect(result).toMatchObject({ sessionsEnded: 1, delivered: [] });
    expect(result.failed).toEqual([
      expect.objectContaining({ ok: false, sid: phone.sid, error: expect.any(String) }),
    ]);
    await expect(refresh(phone.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('gives up on a receiver that never answers after the timeout', async () => {
    const r = await receiver({ answer: 'hang' });
    const { idp, signIn } = await idpPostingTo(r.uri, { backchannelLogoutTimeoutMs: 300 });
    const session = await signIn('alice');

    const started = performance.now();
    const result = await idp.endUserSessions('auth0|alice');

    expect(r.received).toHaveLength(1);
    expect(result.failed).toEqual([
      expect.objectContaining({ sid: session.sid, error: expect.stringMatching(/timeout/i) }),
    ]);
    // The configured 300 ms, not oidc-provider's own 2.5 s (a wide margin for a busy machine).
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
