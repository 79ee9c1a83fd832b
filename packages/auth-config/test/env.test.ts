import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EnvError,
  apiEnvVariablesOf,
  apis,
  loadApiEnv,
  loadLocalIdpEnv,
  loadWebEnv,
  localServiceClient,
  localSessionSecret,
  localWebClient,
  withEnvFiles,
  type EnvSource,
} from '../src/index';

const quiet = () => {};
const secret = 'x'.repeat(48);

function envError(fn: () => unknown): EnvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error('expected an EnvError');
}

const productionWeb: EnvSource = {
  NODE_ENV: 'production',
  AUTH0_DOMAIN: 'tenant.eu.auth0.com',
  AUTH0_CLIENT_ID: 'abc',
  AUTH0_CLIENT_SECRET: 'real-secret',
  AUTH0_SECRET: secret,
  APP_BASE_URL: 'https://app.example.com',
  ORDERS_API_URL: 'https://orders.example.com',
  PROFILE_API_URL: 'https://profile.example.com',
  SESSION_STORE_URL: 'rediss://:pw@sessions.example.com:6380',
};

describe('loadWebEnv', () => {
  it('fills in the local IdP profile when nothing is configured in dev, and says so once', () => {
    const logs: string[] = [];
    const env = loadWebEnv({ source: {}, log: (m) => logs.push(m) });
    expect(env.profile).toBe('local');
    expect(env.auth0.issuer).toBe('http://localhost:4000/');
    expect(env.auth0.clientId).toBe(localWebClient.clientId);
    expect(env.auth0.secret).toBe(localSessionSecret);
    expect(env.appBaseUrl).toBe('http://localhost:3000');
    expect(env.apis.orders).toMatchObject({
      url: 'http://localhost:4001',
      audience: apis.orders.audience,
      scopes: ['read:orders', 'write:orders', 'admin:orders'],
    });
    loadWebEnv({ source: {}, log: (m) => logs.push(m) });
    expect(logs.filter((l) => l.includes('local IdP profile'))).toHaveLength(1);
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('accepts a complete production env and derives issuer and JWKS from the domain', () => {
    const env = loadWebEnv({ source: productionWeb, log: quiet });
    expect(env.profile).toBe('auth0');
    expect(env.auth0.issuer).toBe('https://tenant.eu.auth0.com/');
    expect(env.auth0.jwksUri).toBe('https://tenant.eu.auth0.com/.well-known/jwks.json');
    expect(env.apis.profile.url).toBe('https://profile.example.com');
  });

  it('lets <NAME>_API_AUDIENCE override the registry audience', () => {
    const env = loadWebEnv({
      source: { ...productionWeb, ORDERS_API_AUDIENCE: 'https://orders.acme.test' },
      log: quiet,
    });
    expect(env.apis.orders.audience).toBe('https://orders.acme.test');
  });

  it('reports every required variable of an empty production env in ONE error', () => {
    const error = envError(() => loadWebEnv({ source: { NODE_ENV: 'production' }, log: quiet }));
    const variables = error.problems.map((p) => p.variable);
    expect(variables).toEqual([
      'AUTH0_DOMAIN',
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
      'AUTH0_SECRET',
      'APP_BASE_URL',
      'ORDERS_API_URL',
      'PROFILE_API_URL',
      'SESSION_STORE_URL',
    ]);
    for (const v of variables) expect(error.message).toContain(v);
    expect(error.message).toMatch(/Invalid environment for web \(8 problems\)/);
    expect(error.problems.every((p) => p.fix.length > 10)).toBe(true);
  });

  it.each([
    ['AUTH0_SECRET', 'too-short', /at least 32/],
    ['AUTH0_SECRET', localSessionSecret, /public local-development secret/],
    ['AUTH0_CLIENT_SECRET', localWebClient.clientSecret, /public local-development secret/],
    ['AUTH0_DOMAIN', 'http://localhost:4000', /insecure http/],
    ['APP_BASE_URL', 'http://app.example.com', /not https in production/],
    ['APP_BASE_URL', 'not a url', /not an http\(s\) URL/],
    ['ORDERS_API_URL', 'ftp://orders.example.com', /not an http\(s\) URL/],
  ])('refuses %s=%s in production', (variable, value, message) => {
    const error = envError(() =>
      loadWebEnv({ source: { ...productionWeb, [variable]: value }, log: quiet }),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.variable).toBe(variable);
    expect(error.problems[0]!.problem).toMatch(message);
  });

  it('does not switch to the local profile because of a dev secret or an http domain', () => {
    const error = envError(() =>
      loadWebEnv({
        source: { NODE_ENV: 'development', AUTH0_DOMAIN: 'http://localhost:4000' },
        log: quiet,
      }),
    );
    expect(error.problems.map((p) => p.variable)).toEqual([
      'AUTH0_DOMAIN',
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
      'AUTH0_SECRET',
      'APP_BASE_URL',
    ]);
  });

  it('runs the local profile in production only with USE_LOCAL_IDP=true, loudly', () => {
    const logs: string[] = [];
    const env = loadWebEnv({
      source: {
        NODE_ENV: 'production',
        USE_LOCAL_IDP: 'true',
        AUTH0_DOMAIN: 'http://localhost:41234',
        APP_BASE_URL: 'http://localhost:3999',
        ORDERS_API_URL: 'http://localhost:4999',
        PROFILE_API_URL: 'http://localhost:4998',
      },
      log: (m) => logs.push(m),
    });
    expect(env.profile).toBe('local');
    expect(env.auth0.issuer).toBe('http://localhost:41234/');
    expect(logs.join('\n')).toMatch(/WARNING.*USE_LOCAL_IDP=true with NODE_ENV=production/);
  });
});

describe('loadApiEnv', () => {
  it('defaults to the registry port, audience and the web origin in dev', () => {
    const env = loadApiEnv('orders', { source: {}, log: quiet });
    expect(env).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      corsAllowedOrigins: ['http://localhost:3000'],
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(env.auth0).toMatchObject({
      issuer: 'http://localhost:4000/',
      jwksUri: 'http://localhost:4000/.well-known/jwks.json',
      audience: 'https://api.example.com/orders',
    });
  });

  it('parses every CORS origin and names each bad one', () => {
    const error = envError(() =>
      loadApiEnv('profile', {
        source: {
          CORS_ALLOWED_ORIGINS: 'https://ok.example.com, *, https://x.example.com/path,null',
        },
        log: quiet,
      }),
    );
    expect(error.problems.map((p) => p.problem)).toEqual([
      '"*" is not an origin (scheme://host[:port], no path, no wildcard)',
      '"https://x.example.com/path" is not an origin (scheme://host[:port], no path, no wildcard)',
      '"null" is not an origin (scheme://host[:port], no path, no wildcard)',
    ]);
  });

  it('requires the domain, CORS origins and a PostgreSQL URL in production, all at once', () => {
    const error = envError(() =>
      loadApiEnv('profile', { source: { NODE_ENV: 'production' }, log: quiet }),
    );
    expect(error.problems.map((p) => p.variable)).toEqual([
      'AUTH0_DOMAIN',
      'CORS_ALLOWED_ORIGINS',
      'DATABASE_URL',
    ]);
    expect(error.message).toContain('profile-api');
    // An API that calls another also needs its own M2M application and the callee's address.
    const caller = envError(() =>
      loadApiEnv('orders', { source: { NODE_ENV: 'production' }, log: quiet }),
    );
    expect(caller.problems.map((p) => p.variable)).toEqual([
      'AUTH0_DOMAIN',
      'CORS_ALLOWED_ORIGINS',
      'DATABASE_URL',
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
      'PROFILE_API_URL',
    ]);
  });

  it('rejects a bad port, log level and database URL', () => {
    const error = envError(() =>
      loadApiEnv('orders', {
        source: { PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' },
        log: quiet,
      }),
    );
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL']);
  });
});

describe('an API that calls another (registry `calls`)', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH0_DOMAIN: 'tenant.eu.auth0.com',
    DATABASE_URL: 'postgres://u:p@db/x',
    CORS_ALLOWED_ORIGINS: 'https://app.example.com',
  };

  it('gets its local M2M client and the callee on its registry port under the local profile', () => {
    const env = loadApiEnv('orders', { source: {}, log: quiet });
    expect(env.clientCredentials).toEqual({
      tokenUrl: 'http://localhost:4000/oauth/token',
      clientId: 'local-orders-api',
      clientSecret: localServiceClient('orders').clientSecret,
    });
    expect(env.calls).toEqual({
      profile: {
        name: 'profile',
        serviceName: 'profile-api',
        url: 'http://localhost:4002',
        audience: apis.profile.audience,
        scopes: ['read:profile:service'],
      },
    });
    expect(Object.isFrozen(env.calls.profile)).toBe(true);
  });

  it('an API that calls nobody has no client credentials and no callee variables', () => {
    const env = loadApiEnv('profile', {
      source: { AUTH0_CLIENT_ID: 'ignored', PROFILE_API_URL: 'nonsense' },
      log: quiet,
    });
    expect(env.clientCredentials).toBeUndefined();
    expect(env.calls).toEqual({});
    expect(apiEnvVariablesOf('profile')).not.toContain('AUTH0_CLIENT_ID');
    expect(apiEnvVariablesOf('orders')).toEqual(
      expect.arrayContaining([
        'AUTH0_CLIENT_ID',
        'AUTH0_CLIENT_SECRET',
        'PROFILE_API_URL',
        'PROFILE_API_AUDIENCE',
      ]),
    );
  });

  it('takes the tenant credentials, the callee URL and audience in production', () => {
    const env = loadApiEnv('orders', {
      source: {
        ...production,
        AUTH0_CLIENT_ID: 'orders-m2m-id',
        AUTH0_CLIENT_SECRET: 'orders-m2m-secret',
        PROFILE_API_URL: 'http://profile-api.internal:4002/',
        PROFILE_API_AUDIENCE: 'https://profile.acme.test',
      },
      log: quiet,
    });
    expect(env.clientCredentials).toEqual({
      tokenUrl: 'https://tenant.eu.auth0.com/oauth/token',
      clientId: 'orders-m2m-id',
      clientSecret: 'orders-m2m-secret',
    });
    expect(env.calls.profile).toMatchObject({
      url: 'http://profile-api.internal:4002',
      audience: 'https://profile.acme.test',
    });
  });

  it('refuses the public dev secret and a malformed callee URL outside the local profile', () => {
    const error = envError(() =>
      loadApiEnv('orders', {
        source: {
          ...production,
          AUTH0_CLIENT_ID: localServiceClient('orders').clientId,
          AUTH0_CLIENT_SECRET: localServiceClient('orders').clientSecret,
          PROFILE_API_URL: 'profile-api:4002',
        },
        log: quiet,
      }),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        variable: 'AUTH0_CLIENT_SECRET',
        problem: 'is the public local-development secret',
      }),
      expect.objectContaining({ variable: 'PROFILE_API_URL' }),
    ]);
    // USE_LOCAL_IDP=true against a real tenant gets no dev client either.
    const tenant = envError(() =>
      loadApiEnv('orders', {
        source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: 'tenant.eu.auth0.com' },
        log: quiet,
      }),
    );
    expect(tenant.problems.map((p) => p.variable)).toEqual([
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
    ]);
  });
});

describe('loadLocalIdpEnv', () => {
  it('allows production only through USE_LOCAL_IDP=true', () => {
    expect(loadLocalIdpEnv({ source: { NODE_ENV: 'production' } }).allowProduction).toBe(false);
    expect(
      loadLocalIdpEnv({ source: { NODE_ENV: 'production', USE_LOCAL_IDP: 'true' } })
        .allowProduction,
    ).toBe(true);
    expect(loadLocalIdpEnv({ source: {} }).port).toBe(4000);
  });

  it('posts logout tokens to the web app on its registry port unless WEB_BACKCHANNEL_LOGOUT_URI says where', () => {
    expect(loadLocalIdpEnv({ source: {} }).webBackchannelLogoutUri).toBe(
      'http://localhost:3000/auth/backchannel-logout',
    );
    expect(
      loadLocalIdpEnv({
        source: { WEB_BACKCHANNEL_LOGOUT_URI: 'http://127.0.0.1:41234/auth/backchannel-logout' },
      }).webBackchannelLogoutUri,
    ).toBe('http://127.0.0.1:41234/auth/backchannel-logout');
  });

  it.each([
    'https://app.example.com/auth/backchannel-logout',
    'http://app.example.com/auth/backchannel-logout',
    'http://localhost@evil.example/auth/backchannel-logout',
    'http://user:pass@localhost:3000/auth/backchannel-logout',
    'not a url',
  ])('refuses WEB_BACKCHANNEL_LOGOUT_URI=%s: only http on this machine', (uri) => {
    const error = envError(() => loadLocalIdpEnv({ source: { WEB_BACKCHANNEL_LOGOUT_URI: uri } }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        variable: 'WEB_BACKCHANNEL_LOGOUT_URI',
        problem: `"${uri}" is not an http URL on localhost`,
      }),
    ]);
  });

  it('reads LOCAL_IDP_WEB_ORIGINS as bare origins, and refuses anything with a path or credentials', () => {
    expect(loadLocalIdpEnv({ source: {} }).webOrigins).toEqual([]);
    expect(
      loadLocalIdpEnv({
        source: { LOCAL_IDP_WEB_ORIGINS: 'https://App.test:8443/, http://devbox.lan:3000' },
      }).webOrigins,
    ).toEqual(['https://app.test:8443', 'http://devbox.lan:3000']);
    const error = envError(() =>
      loadLocalIdpEnv({
        source: { LOCAL_IDP_WEB_ORIGINS: 'https://app.test/auth/callback,https://u@app.test' },
      }),
    );
    expect(error.problems.map((p) => p.problem)).toEqual([
      '"https://app.test/auth/callback" is not an origin',
      '"https://u@app.test" is not an origin',
    ]);
  });
});

describe('withEnvFiles', () => {
  it('reads .env then .env.local, and the real environment wins over both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-files-'));
    writeFileSync(join(dir, '.env'), 'A=from-env\nB=from-env\nC=from-env\n');
    writeFileSync(join(dir, '.env.local'), 'B=from-local\nC=from-local\n');
    const merged = withEnvFiles(dir, { C: 'from-shell' });
    expect(merged).toMatchObject({ A: 'from-env', B: 'from-local', C: 'from-shell' });
  });
});

describe('what the security review found (each failed before its fix)', () => {
  it.each(['prod', 'staging', 'production-eu'])(
    'NODE_ENV=%s without AUTH0_DOMAIN is one start-up error, never a silent trust of the local IdP',
    (nodeEnv) => {
      const api = envError(() =>
        loadApiEnv('orders', { source: { NODE_ENV: nodeEnv }, log: quiet }),
      );
      expect(api.problems.map((p) => p.variable)).toContain('AUTH0_DOMAIN');
      const web = envError(() => loadWebEnv({ source: { NODE_ENV: nodeEnv }, log: quiet }));
      expect(web.problems.map((p) => p.variable)).toContain('AUTH0_DOMAIN');
    },
  );

  it.each([undefined, 'development', 'test'])(
    'NODE_ENV=%s without AUTH0_DOMAIN is the local IdP',
    (nodeEnv) => {
      const env = loadApiEnv('orders', {
        source: nodeEnv ? { NODE_ENV: nodeEnv } : {},
        log: quiet,
      });
      expect(env.profile).toBe('local');
    },
  );

  it('USE_LOCAL_IDP=true with a real tenant never encrypts sessions with the public dev secret', () => {
    const source = { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: 'tenant.eu.auth0.com' };
    const missing = envError(() => loadWebEnv({ source, log: quiet }));
    expect(missing.problems.map((p) => p.variable)).toEqual(
      expect.arrayContaining(['AUTH0_SECRET', 'AUTH0_CLIENT_SECRET']),
    );
    const reused = envError(() =>
      loadWebEnv({
        source: {
          ...source,
          AUTH0_SECRET: localSessionSecret,
          APP_BASE_URL: 'http://localhost:3000',
          AUTH0_CLIENT_ID: 'x',
          AUTH0_CLIENT_SECRET: 'y',
        },
        log: quiet,
      }),
    );
    expect(reused.problems).toEqual([
      expect.objectContaining({
        variable: 'AUTH0_SECRET',
        problem: 'is the public local-development secret',
      }),
    ]);
    // The local IdP itself, on any loopback port, keeps its dev defaults.
    expect(
      loadWebEnv({
        source: { USE_LOCAL_IDP: 'true', AUTH0_DOMAIN: 'http://localhost:41234' },
        log: quiet,
      }).auth0.secret,
    ).toBe(localSessionSecret);
  });

  it('production CORS refuses http:// origins and a * inside a host; http://localhost stays for the local profile', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      DATABASE_URL: 'postgres://u:p@db/x',
    };
    const error = envError(() =>
      loadApiEnv('profile', {
        source: {
          ...production,
          CORS_ALLOWED_ORIGINS:
            'http://app.example.com,https://*.example.com,https://app.example.com',
        },
        log: quiet,
      }),
    );
    expect(error.problems.map((p) => p.problem)).toEqual([
      '"http://app.example.com" is not https; production accepts only https origins',
      '"https://*.example.com" is not an origin (scheme://host[:port], no path, no wildcard)',
    ]);
    expect(
      envError(() =>
        loadApiEnv('orders', {
          source: { CORS_ALLOWED_ORIGINS: 'https://*.example.com' },
          log: quiet,
        }),
      ).problems,
    ).toHaveLength(1);
    const local = loadApiEnv('orders', {
      source: {
        NODE_ENV: 'production',
        USE_LOCAL_IDP: 'true',
        DATABASE_URL: 'postgres://u:p@db/x',
        CORS_ALLOWED_ORIGINS: 'http://localhost:3000',
        PROFILE_API_URL: 'http://localhost:4002',
      },
      log: quiet,
    });
    expect(local.corsAllowedOrigins).toEqual(['http://localhost:3000']);
    expect(
      loadApiEnv('orders', { source: { CORS_ALLOWED_ORIGINS: 'http://app.test:8080' }, log: quiet })
        .corsAllowedOrigins,
    ).toEqual(['http://app.test:8080']);
  });

  it('TRUST_PROXY: unset trusts no proxy; a hop count or CIDRs; never everyone', () => {
    const load = (TRUST_PROXY?: string) =>
      loadApiEnv('orders', {
        source: TRUST_PROXY === undefined ? {} : { TRUST_PROXY },
        log: quiet,
      });
    expect(load().trustProxy).toBe(false);
    expect(load('1').trustProxy).toBe(1);
    expect(load('0').trustProxy).toBe(false);
    expect(load('10.0.0.0/8, fd00::/8,192.168.1.7').trustProxy).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
    for (const everyone of ['true', '*', '0.0.0.0/0', '::/0', 'all']) {
      const error = envError(() => load(everyone));
      expect(error.problems[0]).toMatchObject({ variable: 'TRUST_PROXY' });
      expect(error.problems[0]!.problem).toMatch(/trust every proxy/);
    }
    expect(envError(() => load('10.0.0.300/8')).problems[0]!.problem).toMatch(
      /not an IP address or CIDR/,
    );
  });
});

describe('web session store (SESSION_STORE_URL)', () => {
  it('is the embedded store under .data/web/ (or DATA_DIR) in dev, and Redis or the cookie when asked', () => {
    expect(loadWebEnv({ source: {}, log: quiet }).sessionStore).toMatchObject({
      kind: 'embedded',
      dir: expect.stringMatching(/\.data[/\\]web$/),
    });
    expect(loadWebEnv({ source: { DATA_DIR: '/tmp/x' }, log: quiet }).sessionStore).toEqual({
      kind: 'embedded',
      dir: '/tmp/x',
    });
    expect(
      loadWebEnv({ source: { SESSION_STORE_URL: 'redis://127.0.0.1:6379' }, log: quiet })
        .sessionStore,
    ).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6379',
    });
    expect(
      loadWebEnv({ source: { SESSION_STORE_URL: 'cookie' }, log: quiet }).sessionStore,
    ).toEqual({ kind: 'cookie' });
    expect(loadWebEnv({ source: productionWeb, log: quiet }).sessionStore.kind).toBe('redis');
  });

  it('is a start-up error in production when unset, naming the options; the local profile keeps the embedded store, and says so', () => {
    const { SESSION_STORE_URL: _, ...noStore } = productionWeb;
    const error = envError(() => loadWebEnv({ source: noStore, log: quiet }));
    expect(error.problems).toEqual([expect.objectContaining({ variable: 'SESSION_STORE_URL' })]);
    expect(error.problems[0]!.fix).toMatch(/redis:\/\/.*cookie/);
    const logs: string[] = [];
    const local = loadWebEnv({
      source: {
        NODE_ENV: 'production',
        USE_LOCAL_IDP: 'true',
        DATA_DIR: '/tmp/web',
        ORDERS_API_URL: 'http://localhost:1',
        PROFILE_API_URL: 'http://localhost:2',
      },
      log: (m) => logs.push(m),
    });
    expect(local.sessionStore).toEqual({ kind: 'embedded', dir: '/tmp/web' });
    expect(logs.join('\n')).toMatch(/embedded store under \/tmp\/web/);
  });

  it('refuses anything else without echoing a password', () => {
    const error = envError(() =>
      loadWebEnv({ source: { SESSION_STORE_URL: 'memcached://:hunter2@cache:11211' }, log: quiet }),
    );
    expect(error.problems[0]!.problem).toContain(
      'neither a redis:// or rediss:// URL nor "cookie"',
    );
    expect(error.message).not.toContain('hunter2');
  });
});
