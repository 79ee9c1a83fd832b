import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { apis, claims, localServiceClient, localWebClient } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '../src/index';
import { Agent } from './support/browserless';
import { callback, loginAs, webClientConfig } from './support/login';
import { logoutThroughBrowser } from './support/logout';
import { startLogoutReceiver, type LogoutReceiver } from './support/logout-receiver';

/**
 * The local IdP as a real relying party sees it: openid-client v6 (not our code) does discovery,
 * the code + PKCE flow, refreshes, client credentials, revocation and logout, and jose verifies
 * every access token against the published JWKS.
 */
let idp: LocalIdp;
let receiver: LogoutReceiver;
let config: oidc.Configuration;
let jwks: ReturnType<typeof createRemoteJWKSet>;
const orders = apis.orders.audience;
const profile = apis.profile.audience;

// Every console.warn of this file, kept by hand: the repo's vitest config restores spies after
// each test, and this one has to see the whole suite.
const warnings: string[] = [];
const consoleWarn = console.warn;

beforeAll(async () => {
  console.warn = (...args: unknown[]) => {
    warnings.push(args.join(' '));
    consoleWarn(...args);
  };
  // Logout posts a logout token: to a receiver of this suite's own, never to whatever a
  // developer runs on the web app's default port.
  receiver = await startLogoutReceiver();
  idp = await startLocalIdp({ port: 0, backchannelLogoutUri: receiver.uri });
  config = await webClientConfig(idp.issuer);
  jwks = createRemoteJWKSet(new URL(idp.jwksUri));
});
afterAll(async () => {
  console.warn = consoleWarn;
  await idp?.stop();
  await receiver?.close();
});

async function verify(
  token: string,
  audience: string,
): Promise<JWTPayload & { scope?: string; permissions?: string[]; azp?: string }> {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer: idp.issuer,
    audience,
    algorithms: ['RS256'],
  });
  expect(protectedHeader.alg).toBe('RS256');
  return payload;
}

const login = (user: string, params: Record<string, string>) => loginAs(config, user, params);

describe('discovery', () => {
  it('publishes Auth0 paths under an issuer with a trailing slash', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(idp.issuer);
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(meta.jwks_uri).toBe(`${idp.issuer}.well-known/jwks.json`);
    expect(meta.authorization_endpoint).toBe(`${idp.issuer}authorize`);
    expect(meta.token_endpoint).toBe(`${idp.issuer}oauth/token`);
    expect(meta.userinfo_endpoint).toBe(`${idp.issuer}userinfo`);
    expect(meta.revocation_endpoint).toBe(`${idp.issuer}oauth/revoke`);
    expect(meta.end_session_endpoint).toBe(`${idp.issuer}oidc/logout`);
  });
});

describe('authorization code + PKCE', () => {
  it('logs alice in through the form and issues an RS256 access token for the requested audience', async () => {
    const { tokens } = await login('alice', {
      audience: orders,
      scope: 'openid profile email offline_access read:orders write:orders',
    });
    const at = await verify(tokens.access_token, orders);
    expect(at).toMatchObject({
      iss: idp.issuer,
      sub: 'auth0|alice',
      aud: orders,
      azp: localWebClient.clientId,
      scope: 'read:orders write:orders',
    });
    expect(at.permissions).toEqual(['read:orders', 'write:orders']);
    expect(at[claims.email]).toBe('alice@example.com');
    expect(typeof at.iat).toBe('number');
    expect(typeof at.exp).toBe('number');
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.claims()).toMatchObject({
      sub: 'auth0|alice',
      email: 'alice@example.com',
      name: 'Alice Anderson',
    });
  });

  it('grants only the requested scopes that the user has permission for (RBAC): carol gets no write:orders', async () => {
    const { tokens } = await login('carol', {
      audience: orders,
      scope: 'openid offline_access read:orders write:orders',
    });
    const at = await verify(tokens.access_token, orders);
    expect(at.scope).toBe('read:orders');
    expect(at.permissions).toEqual(['read:orders']);

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!, {
      audience: orders,
      scope: 'read:orders write:orders',
    });
    expect((await verify(refreshed.access_token, orders)).scope).toBe('read:orders');
  });

  it('refuses a wrong password with the form again, and an unregistered redirect host', async () => {
    const agent = new Agent();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callback,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const { lastResponse } = await agent.follow(url.href, callback, {
      login: 'alice@example.com',
      password: 'nope',
    });
    expect(lastResponse.status).toBe(401);
    expect(await lastResponse.text()).toContain('Wrong email or password');

    const evil = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://evil.example/auth/callback',
      scope: 'openid',
    });
    const res = await fetch(evil, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('multi-resource refresh tokens', () => {
  it('exchanges one login’s refresh token for a token of every registered audience', async () => {
    const { tokens } = await login('alice', {
      audience: orders,
      scope: 'openid offline_access read:orders write:orders',
    });
    let refreshToken = tokens.refresh_token!;
    for (const api of [apis.profile, apis.orders]) {
      const scope = Object.values(api.scopes).join(' ');
      const next = await oidc.refreshTokenGrant(config, refreshToken, {
        audience: api.audience,
        scope,
      });
      const at = await verify(next.access_token, api.audience);
      expect(at.aud).toBe(api.audience);
      expect(at.sub).toBe('auth0|alice');
      expect(next.refresh_token).not.toBe(refreshToken); // rotated
      refreshToken = next.refresh_token!;
    }
  });

  it('keeps a rotated refresh token usable within the reuse window', async () => {
    const { tokens } = await login('bob', {
      audience: profile,
      scope: 'openid offline_access read:profile',
    });
    const first = await oidc.refreshTokenGrant(config, tokens.refresh_token!, {
      audience: profile,
    });
    const again = await oidc.refreshTokenGrant(config, tokens.refresh_token!, {
      audience: profile,
    });
    expect((await verify(again.access_token, profile)).sub).toBe('auth0|bob');
    expect(first.refresh_token).toBeTruthy();
  });
});

describe('client credentials', () => {
  // orders-api's own M2M client: the registry says orders calls profile with read:profile:service.
  const ordersApi = localServiceClient('orders');
  const m2m = (client = ordersApi) =>
    oidc.discovery(
      new URL(idp.issuer),
      client.clientId,
      undefined,
      oidc.ClientSecretPost(client.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );

  it("issues a calling API's client a token for the API it calls, with its grant and Auth0’s client-credentials claims", async () => {
    const tokens = await oidc.clientCredentialsGrant(await m2m(), { audience: profile });
    const at = await verify(tokens.access_token, profile);
    expect(at).toMatchObject({
      sub: 'local-orders-api@clients',
      azp: 'local-orders-api',
      gty: 'client-credentials',
      scope: 'read:profile:service',
      permissions: ['read:profile:service'],
    });
    expect(at[claims.email]).toBeUndefined();
  });

  it('refuses an API the caller does not declare, a scope beyond its grant, no audience, and other clients', async () => {
    const refused = { error: 'access_denied' };
    await expect(oidc.clientCredentialsGrant(await m2m(), {})).rejects.toMatchObject(refused);
    await expect(
      oidc.clientCredentialsGrant(await m2m(), { audience: orders }),
    ).rejects.toMatchObject(refused);
    for (const scope of ['read:profile', 'write:profile', 'read:profile:service write:profile'])
      await expect(
        oidc.clientCredentialsGrant(await m2m(), { audience: profile, scope }),
      ).rejects.toMatchObject(refused);
    await expect(
      oidc.clientCredentialsGrant(await m2m(), { audience: 'https://unknown.example/api' }),
    ).rejects.toMatchObject({ error: 'invalid_target' });
    // The web client holds no client grant: no service token for it, ever.
    await expect(
      oidc.clientCredentialsGrant(await m2m(localWebClient), { audience: profile }),
    ).rejects.toMatchObject(refused);
    // local-m2m, which once held read and write on every API, is gone.
    await expect(
      m2m({
        clientId: 'local-m2m',
        clientSecret: 'local-m2m-dev-secret-do-not-use-in-production',
      }).then((c) => oidc.clientCredentialsGrant(c, { audience: profile })),
    ).rejects.toMatchObject(refused);
  });

  it('with a wrong secret answers invalid_client', async () => {
    await expect(
      oidc.clientCredentialsGrant(
        await m2m({ clientId: ordersApi.clientId, clientSecret: 'not-the-secret' }),
        { audience: profile },
      ),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('never puts a service scope in a user’s token, even when the web app asks for it', async () => {
    const { tokens } = await login('admin', {
      audience: profile,
      scope: 'openid offline_access read:profile read:profile:service',
    });
    const at = await verify(tokens.access_token!, profile);
    expect(at.scope).not.toContain('read:profile:service');
    expect(at.permissions).not.toContain('read:profile:service');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!, {
      audience: profile,
      scope: 'read:profile read:profile:service',
    });
    expect((await verify(refreshed.access_token, profile)).scope).toBe('read:profile');
  });
});

describe('revocation and logout', () => {
  it('revokes a refresh token', async () => {
    const { tokens } = await login('alice', {
      audience: orders,
      scope: 'openid offline_access read:orders',
    });
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await expect(
      oidc.refreshTokenGrant(config, tokens.refresh_token!, { audience: orders }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('ends the session at the end-session endpoint and returns to the app; the next login asks for credentials', async () => {
    const { tokens, agent } = await login('alice', {
      audience: orders,
      scope: 'openid offline_access read:orders',
    });
    const logoutUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:39999',
    });
    // Through the auto-submitting form, as a browser does.
    const back = await logoutThroughBrowser(agent, logoutUrl.href, 'http://localhost:39999');
    expect(new URL(back).origin).toBe('http://localhost:39999');

    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callback,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const again = await agent.follow(url.href, callback);
    expect(await again.lastResponse.text()).toContain('name="password"');
  });

  it('Auth0’s /v2/logout returns to a localhost returnTo and refuses any other host', async () => {
    const ok = await fetch(
      `${idp.issuer}v2/logout?returnTo=${encodeURIComponent('http://localhost:3000')}&client_id=${localWebClient.clientId}`,
      { redirect: 'manual' },
    );
    expect(ok.status).toBe(302);
    expect(new URL(ok.headers.get('location')!).searchParams.get('post_logout_redirect_uri')).toBe(
      'http://localhost:3000',
    );
    for (const evil of [
      'https://evil.example',
      'http://localhost@evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await fetch(`${idp.issuer}v2/logout?returnTo=${encodeURIComponent(evil)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });
});

describe('a quiet console', () => {
  // Runs last: every flow above (logins, refreshes with the audience rewrite, client credentials,
  // logout) has gone through the provider by now.
  it('prints no oidc-provider warning for anything this suite did', () => {
    expect(warnings.filter((line) => line.includes('oidc-provider'))).toEqual([]);
  });
});
