import { describe, expect, it } from 'vitest';
import { apis } from '@repo/auth-config';
import {
  isLocalBackchannelLogoutUri,
  isLocalCallback,
  isLocalPostLogoutTarget,
} from '../src/redirect-rules';
import { rewriteAuthorizeParams, rewriteTokenParams } from '../src/auth0-params';
import { interactionPageCsp } from '../src/interactions';
import { parseTokenArgs, TokenArgsError } from '../src/token-args';
import { refuseProduction, ProductionRefusal } from '../src/production-guard';

describe('redirect rules', () => {
  it('accepts the nextjs-auth0 callback on any localhost port and nothing else', () => {
    expect(isLocalCallback('http://localhost:3000/auth/callback')).toBe(true);
    expect(isLocalCallback('http://localhost:51234/auth/callback')).toBe(true);
    expect(isLocalCallback('https://localhost:3000/auth/callback')).toBe(true);
    for (const bad of [
      'https://app.test:8443/auth/callback',
      'http://127.0.0.1:3000/auth/callback',
      'http://localhost.evil.example/auth/callback',
      'http://localhost:3000@evil.example/auth/callback',
      'http://localhost:3000/auth/callback?next=https://evil.example',
      'http://localhost:3000/other',
      'not a url',
    ]) {
      expect(isLocalCallback(bad), bad).toBe(false);
    }
  });

  it('accepts the origins of LOCAL_IDP_WEB_ORIGINS, and only those exact origins', () => {
    const origins = ['https://app.test:8443'];
    expect(isLocalCallback('https://app.test:8443/auth/callback', origins)).toBe(true);
    expect(isLocalPostLogoutTarget('https://app.test:8443', origins)).toBe(true);
    for (const bad of [
      'http://app.test:8443/auth/callback',
      'https://app.test:8444/auth/callback',
      'https://app.test.evil.example:8443/auth/callback',
      'https://x@app.test:8443/auth/callback',
    ]) {
      expect(isLocalCallback(bad, origins), bad).toBe(false);
    }
  });

  it('lets the login form’s redirects reach those origins too (form-action covers redirects)', () => {
    const csp = interactionPageCsp(['https://app.test:8443']);
    expect(csp).toContain(
      "form-action 'self' http://localhost:* https://localhost:* https://app.test:8443;",
    );
    expect(interactionPageCsp([])).not.toContain('app.test');
  });

  it('accepts any localhost page as a logout target, never another host', () => {
    expect(isLocalPostLogoutTarget('http://localhost:3000')).toBe(true);
    expect(isLocalPostLogoutTarget('http://localhost:3000/goodbye')).toBe(true);
    expect(isLocalPostLogoutTarget('https://evil.example')).toBe(false);
    expect(isLocalPostLogoutTarget('//evil.example')).toBe(false);
    expect(isLocalPostLogoutTarget('javascript:alert(1)')).toBe(false);
  });

  it('posts logout tokens only to http URLs on this machine', () => {
    for (const good of [
      'http://localhost:3000/auth/backchannel-logout',
      'http://127.0.0.1:51234/auth/backchannel-logout',
      'http://[::1]:51234/logout?app=web',
    ]) {
      expect(isLocalBackchannelLogoutUri(good), good).toBe(true);
    }
    for (const bad of [
      'https://localhost:3000/auth/backchannel-logout',
      'https://app.example.com/auth/backchannel-logout',
      'http://app.example.com/auth/backchannel-logout',
      'http://localhost.evil.example/auth/backchannel-logout',
      'http://localhost:3000@evil.example/auth/backchannel-logout',
      'http://user:pass@localhost:3000/auth/backchannel-logout',
      'http://localhost:3000/auth/backchannel-logout#frag',
      'not a url',
    ]) {
      expect(isLocalBackchannelLogoutUri(bad), bad).toBe(false);
    }
  });
});

describe('Auth0 parameters', () => {
  it('turns audience into resources for every API, requested first, and keeps offline_access with consent', () => {
    const out = rewriteAuthorizeParams(
      new URLSearchParams({
        audience: apis.profile.audience,
        scope: 'openid offline_access read:profile',
      }),
    );
    expect(out.has('audience')).toBe(false);
    expect(out.getAll('resource')).toEqual([apis.profile.audience, apis.orders.audience]);
    expect(out.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['read:profile', 'read:orders', 'write:orders']),
    );
    expect(out.get('scope')!.split(' ')).not.toContain('write:profile');
    expect(out.get('prompt')).toBe('consent');
  });

  it('leaves prompt=none alone', () => {
    const out = rewriteAuthorizeParams(
      new URLSearchParams({ scope: 'openid offline_access', prompt: 'none' }),
    );
    expect(out.get('prompt')).toBe('none');
  });

  it('drops refresh scopes the owner has no permission for', async () => {
    const carol = {
      username: 'carol',
      email: 'carol@example.com',
      sub: 'auth0|carol',
      name: 'Carol',
      role: 'viewer',
    } as const;
    const out = await rewriteTokenParams(
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        audience: apis.orders.audience,
        scope: 'openid read:orders write:orders',
      }),
      { refreshTokenOwner: async () => carol },
    );
    expect(out.ok && out.params.get('scope')).toBe('openid read:orders');
    expect(out.ok && out.params.get('resource')).toBe(apis.orders.audience);
  });
});

describe('pnpm auth:token arguments', () => {
  const choices = {
    users: ['alice', 'carol'],
    apis: ['orders', 'profile'],
    callers: { orders: ['profile'] },
  };
  it('parses a valid command line', () => {
    expect(
      parseTokenArgs(['--user', 'alice', '--api', 'orders', '--scope', 'read:orders'], choices),
    ).toEqual({ kind: 'user', user: 'alice', api: 'orders', scope: 'read:orders' });
    expect(parseTokenArgs(['--service', 'orders', '--api', 'profile'], choices)).toEqual({
      kind: 'service',
      caller: 'orders',
      api: 'profile',
    });
  });
  it('accepts --service only for a caller, and --api only for an API it calls', () => {
    expect(() => parseTokenArgs(['--service', 'profile', '--api', 'orders'], choices)).toThrow(
      /--service must be an API that calls others: orders/,
    );
    expect(() => parseTokenArgs(['--service', 'orders', '--api', 'orders'], choices)).toThrow(
      /--api must be an API orders calls: profile/,
    );
    expect(() =>
      parseTokenArgs(['--service', 'orders', '--user', 'alice', '--api', 'profile'], choices),
    ).toThrow(/not both/);
  });
  it('names every valid choice when a value is wrong', () => {
    expect(() => parseTokenArgs(['--user', 'zed', '--api', 'nope'], choices)).toThrow(
      TokenArgsError,
    );
    expect(() => parseTokenArgs(['--user', 'zed'], choices)).toThrow(/alice, carol[\s\S]*orders/);
    expect(() => parseTokenArgs(['--bogus'], choices)).toThrow(/usage/);
  });
});

describe('production guard', () => {
  it('refuses NODE_ENV=production without the override, and warns loudly with it', () => {
    expect(() => refuseProduction({ production: true, allowProduction: false }, () => {})).toThrow(
      ProductionRefusal,
    );
    const lines: string[] = [];
    refuseProduction({ production: true, allowProduction: true }, (l) => lines.push(l));
    expect(lines.join()).toMatch(/WARNING.*USE_LOCAL_IDP=true/);
    refuseProduction({ production: false, allowProduction: false }, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
  });
});
