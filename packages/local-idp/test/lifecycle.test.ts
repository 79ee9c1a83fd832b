import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { apis, localServiceClient } from '@repo/auth-config';
import { fileStateStore, loadOrCreateSecrets, startLocalIdp, type LocalIdp } from '../src/index';
import { loginAs, webClientConfig } from './support/login';

const orders = apis.orders.audience;
const started: LocalIdp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((idp) => idp.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function persistentIdp(dir: string): Promise<LocalIdp> {
  const idp = await startLocalIdp({
    port: 0,
    secrets: await loadOrCreateSecrets(join(dir, 'keys.json')),
    store: fileStateStore(join(dir, 'state')),
  });
  started.push(idp);
  return idp;
}

describe('persistence', () => {
  it('keeps keys and refresh tokens across a restart: nobody is logged out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-idp-'));
    dirs.push(dir);
    const first = await persistentIdp(dir);
    const { tokens } = await loginAs(await webClientConfig(first.issuer), 'alice', {
      audience: orders,
      scope: 'openid offline_access read:orders',
    });
    await first.stop();
    started.splice(started.indexOf(first), 1);

    // A free port again (the old one may be taken by now); keys and grants come from the folder.
    const second = await persistentIdp(dir);
    const jwks = createRemoteJWKSet(new URL(second.jwksUri));
    // A token from before the restart still verifies against the restarted IdP's keys...
    await jwtVerify(tokens.access_token, createLocalJWKSet(second.jwks()), {
      issuer: first.issuer,
      audience: orders,
    });
    // ...and the refresh token from before the restart still works.
    const refreshed = await oidc.refreshTokenGrant(
      await webClientConfig(second.issuer),
      tokens.refresh_token!,
      { audience: orders },
    );
    expect(
      (await jwtVerify(refreshed.access_token, jwks, { issuer: second.issuer, audience: orders }))
        .payload.sub,
    ).toBe('auth0|alice');
  });
});

describe('refresh-token reuse', () => {
  it('revokes the whole grant when a rotated refresh token is replayed after the reuse window', async () => {
    let now = Date.now();
    const { memoryStateStore } = await import('../src/state-store');
    const { createAdapterClass } = await import('../src/adapter');
    const Adapter = createAdapterClass({
      store: memoryStateStore(),
      refreshTokenReuseWindowSeconds: 10,
      now: () => now,
    });
    const tokens = new Adapter('RefreshToken');
    await tokens.upsert('rt1', { grantId: 'g1' } as never, 3600);
    await tokens.consume('rt1');
    now += 5_000;
    expect(await tokens.find('rt1')).not.toHaveProperty('consumed'); // inside the window: reusable
    now += 10_000;
    expect(await tokens.find('rt1')).toHaveProperty('consumed'); // outside: oidc-provider revokes
  });

  it('a replay outside the window ends in invalid_grant for every token of the login', async () => {
    let skewMs = 0;
    const idp = await startLocalIdp({ port: 0, now: () => Date.now() + skewMs });
    started.push(idp);
    const config = await webClientConfig(idp.issuer);
    const { tokens } = await loginAs(config, 'bob', {
      audience: orders,
      scope: 'openid offline_access read:orders',
    });
    const rotated = await oidc.refreshTokenGrant(config, tokens.refresh_token!, {
      audience: orders,
    });
    skewMs = 11_000; // past the registry's 10 s reuse window
    await expect(
      oidc.refreshTokenGrant(config, tokens.refresh_token!, { audience: orders }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse detection: the token that rotation handed out is revoked with the rest of the grant.
    await expect(
      oidc.refreshTokenGrant(config, rotated.refresh_token!, { audience: orders }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('key rotation', () => {
  it('signs with a new kid, keeps publishing the old key for the grace period, then drops it', async () => {
    const idp = await startLocalIdp({ port: 0 });
    started.push(idp);
    const before = await idp.mintAccessToken({
      sub: 'auth0|alice',
      audience: orders,
      scope: 'read:orders',
    });
    const oldKid = decodeProtectedHeader(before).kid!;
    const newKid = await idp.rotateKeys({ graceSeconds: 600 });
    expect(newKid).not.toBe(oldKid);

    const published = async () =>
      ((await (await fetch(idp.jwksUri)).json()) as { keys: { kid: string; d?: string }[] }).keys;
    expect((await published()).map((k) => k.kid)).toEqual([newKid, oldKid]);
    expect((await published()).some((k) => 'd' in k)).toBe(false); // never the private half

    // Tokens from the token endpoint now carry the new kid.
    const client = localServiceClient('orders');
    const m2m = await oidc.discovery(
      new URL(idp.issuer),
      client.clientId,
      undefined,
      oidc.ClientSecretPost(client.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const issued = await oidc.clientCredentialsGrant(m2m, { audience: apis.profile.audience });
    expect(decodeProtectedHeader(issued.access_token).kid).toBe(newKid);
    await jwtVerify(before, createRemoteJWKSet(new URL(idp.jwksUri)), {
      issuer: idp.issuer,
      audience: orders,
    });

    idp.retireOldKeys();
    expect((await published()).map((k) => k.kid)).toEqual([newKid]);
  });
});
