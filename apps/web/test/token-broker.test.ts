import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import {
  apiByAudience,
  apis,
  localWebClient,
  scopesOf,
  webSessionDurations,
} from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { createEmbeddedSessionStore, type WebSessionStore } from '@repo/session-store';
import { loginOverHttp } from '@repo/test-harness/oauth-login';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTokenBroker,
  SessionGoneError,
  UnexpectedTokenError,
  type TokenBroker,
} from '@/lib/tokens/broker';
import { refreshGrant } from '@/lib/tokens/refresh-grant';

const orders = apis.orders.audience;
const profile = apis.profile.audience;
const dir = mkdtempSync(join(tmpdir(), 'broker-'));
const secret = 'broker-test-secret-'.padEnd(48, 'x');
let idpClock = Date.now();
let tokenCalls = 0;
let idp: LocalIdp;
const stores: WebSessionStore<SessionData>[] = [];

function openStore(): WebSessionStore<SessionData> {
  const store = createEmbeddedSessionStore<SessionData>({
    dir,
    secret,
    durations: webSessionDurations,
  });
  stores.push(store);
  return store;
}

beforeAll(async () => {
  idp = await startLocalIdp({
    now: () => idpClock,
    onRequest: (entry) => {
      if (entry.method === 'POST' && entry.path === '/oauth/token') tokenCalls += 1;
    },
  });
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await idp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A signed-in session as the SDK stores it after /auth/callback: alice, orders as the login audience. */
async function signedInSession(
  store: WebSessionStore<SessionData>,
  username = 'alice',
): Promise<{ id: string; session: SessionData }> {
  const tokens = await loginOverHttp({
    issuer: idp.issuer,
    clientId: localWebClient.clientId,
    clientSecret: localWebClient.clientSecret,
    redirectUri: 'http://localhost:3999/auth/callback',
    username,
    audience: orders,
    scope: 'openid profile email offline_access read:orders write:orders admin:orders',
  });
  const claims = decodeJwt(tokens.idToken);
  const session: SessionData = {
    user: { sub: String(claims.sub), email: `${username}@example.com` },
    tokenSet: {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      idToken: tokens.idToken,
      scope: tokens.scope,
      audience: orders,
      expiresAt: Math.floor(Date.now() / 1000) + tokens.expiresIn,
    },
    internal: {
      sid: String(claims.sid ?? `sid-${Date.now()}`),
      createdAt: Math.floor(Date.now() / 1000),
    },
  };
  const id = `session-${Math.random().toString(36).slice(2)}`;
  await store.set(id, session);
  return { id, session };
}

function brokerOver(
  store: WebSessionStore<SessionData>,
  options: { nowSeconds?: () => number; audienceOverride?: string } = {},
): TokenBroker {
  return createTokenBroker({
    store,
    loginAudience: orders,
    leewaySeconds: 60,
    nowSeconds: options.nowSeconds,
    refresh: ({ refreshToken, audience, scope }) =>
      refreshGrant({
        tokenEndpoint: new URL('oauth/token', idp.issuer).href,
        clientId: localWebClient.clientId,
        clientSecret: localWebClient.clientSecret,
        refreshToken,
        audience: options.audienceOverride ?? audience,
        nowSeconds: options.nowSeconds,
        scope: scope ?? scopesOf(apiByAudience(audience)!).join(' '),
      }),
  });
}

beforeEach(() => {
  tokenCalls = 0;
});

describe('the token broker', () => {
  it("hands out the login's own token for the login audience without a call, and fetches another audience's once", async () => {
    const store = openStore();
    const { id, session } = await signedInSession(store);
    tokenCalls = 0;
    const broker = brokerOver(store);
    expect(await broker.accessToken(id, { audience: orders })).toBe(session.tokenSet.accessToken);
    expect(tokenCalls).toBe(0);
    const first = await broker.accessToken(id, { audience: profile });
    expect(decodeJwt(first).aud).toBe(profile);
    expect(await broker.accessToken(id, { audience: profile })).toBe(first);
    expect(tokenCalls).toBe(1);
  });

  it('refreshes once for 20 concurrent requests in one process, and once across two replicas', async () => {
    const store = openStore();
    const { id } = await signedInSession(store);
    tokenCalls = 0;
    const [a, b] = [brokerOver(store), brokerOver(openStore())];
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).accessToken(id, { audience: profile })),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls).toBe(1);
  });

  it('as all tokens expire, 20 concurrent navigations cause exactly one refresh per audience and no invalid_grant', async () => {
    const store = openStore();
    const { id } = await signedInSession(store);
    await brokerOver(store).accessToken(id, { audience: profile });
    tokenCalls = 0;
    // An hour later for the broker: every token is due; the IdP's reuse window is long past too.
    const later = () => Math.floor(Date.now() / 1000) + 3600;
    idpClock += 3600_000;
    const replicas = [
      brokerOver(store, { nowSeconds: later }),
      brokerOver(openStore(), { nowSeconds: later }),
    ];
    const views = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        Promise.all(
          [orders, profile].map((audience) => replicas[i % 2]!.accessToken(id, { audience })),
        ),
      ),
    );
    expect(views.filter((v) => v.status === 'rejected')).toEqual([]);
    expect(tokenCalls).toBe(2);
  });

  it('saves the rotated refresh token before anyone uses it: a later refresh, past the reuse window, still works', async () => {
    const store = openStore();
    const { id, session } = await signedInSession(store);
    const broker = brokerOver(store);
    await broker.accessToken(id, { audience: profile });
    const saved = (await store.readTokens(id))?.refresh?.value;
    expect(saved).toBeDefined();
    expect(saved).not.toBe(session.tokenSet.refreshToken);
    idpClock += 60_000; // the login's refresh token is now a replay the IdP would punish
    const token = await broker.accessToken(id, {
      audience: orders,
      scope: apis.orders.scopes.read,
    });
    expect(decodeJwt(token).aud).toBe(orders);
  });

  it('gets the browser a token with the read scope only, and keeps it beside the full one', async () => {
    const store = openStore();
    const { id, session } = await signedInSession(store);
    const broker = brokerOver(store);
    const narrow = await broker.accessToken(id, {
      audience: orders,
      scope: apis.orders.scopes.read,
    });
    expect(decodeJwt(narrow).scope).toBe(apis.orders.scopes.read);
    expect(
      await broker.accessToken(id, { audience: orders }),
      'the full token is still the login one',
    ).toBe(session.tokenSet.accessToken);
    expect(await broker.accessToken(id, { audience: orders, scope: apis.orders.scopes.read })).toBe(
      narrow,
    );
  });

  it('refuses a token for another audience than asked (a misconfigured multi-resource refresh policy)', async () => {
    const store = openStore();
    const { id } = await signedInSession(store);
    const misconfigured = brokerOver(store, { audienceOverride: orders });
    await expect(misconfigured.accessToken(id, { audience: profile })).rejects.toBeInstanceOf(
      UnexpectedTokenError,
    );
    expect((await store.readTokens(id))?.[`access ${profile} *`]).toBeUndefined();
  });

  it('says the session is gone after a logout, and never writes it back', async () => {
    const store = openStore();
    const { id } = await signedInSession(store);
    await store.delete(id);
    await expect(brokerOver(store).accessToken(id, { audience: profile })).rejects.toBeInstanceOf(
      SessionGoneError,
    );
    expect(await store.readTokens(id)).toBeUndefined();
  });

  it('ends the session when its refresh token no longer works (revoked at the IdP): deleted, never retried', async () => {
    const store = openStore();
    const { id, session } = await signedInSession(store);
    const revoked = await fetch(new URL('oauth/revoke', idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: session.tokenSet.refreshToken!,
        client_id: localWebClient.clientId,
        client_secret: localWebClient.clientSecret,
      }),
    });
    expect(revoked.ok).toBe(true);
    tokenCalls = 0;
    const first = await brokerOver(store)
      .accessToken(id, { audience: profile })
      .catch((e: unknown) => e);
    expect(
      first,
      `${(first as Error).message} ${(first as { code?: string }).code}`,
    ).toBeInstanceOf(SessionGoneError);
    expect(await store.get(id)).toBeNull();
    await expect(brokerOver(store).accessToken(id, { audience: profile })).rejects.toBeInstanceOf(
      SessionGoneError,
    );
    expect(tokenCalls, 'the dead refresh token was tried once').toBe(1);
  });
});
