import { apis, type Scope, type ServiceScope } from '@repo/auth-config';
import request, { type Response, type Test } from 'supertest';
import { expect, it } from 'vitest';
import { problemContentType } from '@repo/service-kit';
import {
  algNoneToken,
  hs256WithPublicKeyToken,
  kidOf,
  tamperedSignatureToken,
  unknownKidToken,
  type AttackClaims,
} from './attack-tokens';
import type { TestIdp } from './test-idp';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type TestApp = Parameters<typeof request>[0];

export interface AuthMatrixOptions {
  /** The app under test; called inside each test, so it may be built in beforeAll. */
  readonly app: () => TestApp;
  /** The IdP whose JWKS the app trusts; called inside each test. */
  readonly idp: () => TestIdp;
  readonly method: HttpMethod;
  readonly path: string;
  /** The API's audience (the app's `config.auth0.audience`). */
  readonly audience: string;
  /** The scope the route requires; the "missing scope" token gets every other scope of the API. */
  readonly requiredScope: Scope | ServiceScope;
  /** Scopes that, with requiredScope, let the positive control through. */
  readonly otherScopes?: readonly (Scope | ServiceScope)[];
  /**
   * Who the route serves: `user` (default, `requireScope`) or `service`, another API calling as
   * itself with a client-credentials token (`requireServiceScope`). Every token of the matrix is
   * of that kind, and a token of the other kind, with every scope, must get 403.
   */
  readonly caller?: 'user' | 'service';
  /** A JSON body sent with every request (for POST/PATCH routes), so only auth can fail. */
  readonly body?: unknown;
  /** Extra headers sent with every request (e.g. Idempotency-Key). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The route's handlers' call count: no refused request may reach one. */
  readonly handlerCalls?: () => number;
  readonly sub?: string;
}

export interface AuthCase {
  readonly name: string;
  readonly status: 400 | 401 | 403;
  /** RFC 6750 error code in WWW-Authenticate; undefined → the challenge must carry none. */
  readonly error: 'invalid_request' | 'invalid_token' | 'insufficient_scope' | undefined;
  /** The challenge names the required scope (a token of the wrong kind of caller: no scope helps). */
  readonly namesScope?: boolean;
  /** Only for routes serving this kind of caller. */
  readonly only?: 'user' | 'service';
  /** Builds and sends the request; returns it with the token used (checked absent from the body). */
  readonly send: (ctx: MatrixContext) => Promise<{ res: Response; token?: string }>;
}

export interface MatrixContext {
  readonly options: AuthMatrixOptions;
  readonly idp: TestIdp;
  readonly claims: AttackClaims;
  /** A fresh request with method, path, extra headers and body applied. */
  call(opts?: { authorization?: string; query?: string; form?: string }): Test;
  mint(extra?: Partial<Parameters<TestIdp['mintAccessToken']>[0]>): Promise<string>;
}

/** What a client-credentials token looks like (Auth0's and the local IdP's): `gty` and `@clients`. */
const serviceClaims = { gty: 'client-credentials' } as const;
const serviceSubject = 'local-auth-matrix@clients';

/** An audience of another registered API: a real token, just not for this API. */
function otherAudience(audience: string): string {
  const other = Object.values(apis).find((a) => a.audience !== audience);
  if (!other) throw new Error('the registry has only one API: no other audience to test with');
  return other.audience;
}

function context(options: AuthMatrixOptions): MatrixContext {
  const idp = options.idp();
  const service = options.caller === 'service';
  const claims: AttackClaims = {
    issuer: idp.issuer,
    audience: options.audience,
    sub: options.sub ?? (service ? serviceSubject : 'auth0|auth-matrix'),
    scope: [options.requiredScope, ...(options.otherScopes ?? [])].join(' '),
  };
  return {
    options,
    idp,
    claims,
    call: ({ authorization, query, form } = {}) => {
      const path = query
        ? `${options.path}${options.path.includes('?') ? '&' : '?'}${query}`
        : options.path;
      let req = request(options.app())[options.method](path);
      for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
      if (authorization !== undefined) req = req.set('Authorization', authorization);
      if (form !== undefined) return req.type('form').send(form);
      if (options.body !== undefined) return req.send(options.body as object);
      return req;
    },
    mint: (extra = {}) =>
      idp.mintAccessToken({
        sub: claims.sub,
        audience: claims.audience,
        scope: claims.scope,
        ...(service ? { claims: serviceClaims } : {}),
        ...extra,
      }),
  };
}

const bearer = (t: string) => `Bearer ${t}`;

async function withToken(
  ctx: MatrixContext,
  token: string,
): Promise<{ res: Response; token: string }> {
  return { res: await ctx.call({ authorization: bearer(token) }), token };
}

/** Every way a request can fail authentication or authorization, and what it must answer. */
export const authCases: readonly AuthCase[] = [
  { name: 'no token', status: 401, error: undefined, send: async (c) => ({ res: await c.call() }) },
  {
    name: 'malformed Authorization header (two tokens)',
    status: 400,
    error: 'invalid_request',
    send: async (c) => ({ res: await c.call({ authorization: 'Bearer abc def' }) }),
  },
  {
    name: 'Basic credentials',
    status: 401,
    error: undefined,
    send: async (c) => ({
      res: await c.call({
        authorization: `Basic ${Buffer.from('alice:password').toString('base64')}`,
      }),
    }),
  },
  {
    name: 'empty Bearer',
    status: 401,
    error: undefined,
    send: async (c) => ({ res: await c.call({ authorization: 'Bearer ' }) }),
  },
  {
    name: 'garbage token',
    status: 401,
    error: 'invalid_token',
    send: (c) => withToken(c, 'not-a-jwt'),
  },
  {
    name: 'expired token',
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, await c.mint({ expiresIn: -120 })),
  },
  {
    name: 'token not yet valid (nbf in the future)',
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, await c.mint({ notBefore: 600 })),
  },
  {
    name: "wrong audience (a real token for another API's audience)",
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, await c.mint({ audience: otherAudience(c.claims.audience) })),
  },
  {
    name: 'wrong issuer',
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, await c.mint({ issuer: 'https://evil.example.com/' })),
  },
  {
    name: 'bad signature',
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, tamperedSignatureToken(await c.mint())),
  },
  {
    name: 'alg none',
    status: 401,
    error: 'invalid_token',
    send: (c) => withToken(c, algNoneToken(c.claims)),
  },
  {
    name: 'HS256 signed with the public key',
    status: 401,
    error: 'invalid_token',
    send: async (c) =>
      withToken(c, await hs256WithPublicKeyToken(c.claims, c.idp, kidOf(await c.mint()))),
  },
  {
    name: 'unknown kid',
    status: 401,
    error: 'invalid_token',
    send: async (c) => withToken(c, await unknownKidToken(c.claims)),
  },
  {
    name: 'missing scope',
    status: 403,
    error: 'insufficient_scope',
    send: async (c) => {
      const scope = (c.options.otherScopes ?? [])
        .filter((s) => s !== c.options.requiredScope)
        .join(' ');
      return withToken(c, await c.mint({ scope }));
    },
  },
  {
    name: 'a client-credentials token (gty) with every scope of the route',
    status: 403,
    error: 'insufficient_scope',
    namesScope: false,
    only: 'user',
    send: async (c) => withToken(c, await c.mint({ sub: serviceSubject, claims: serviceClaims })),
  },
  {
    name: 'a service subject (<client_id>@clients) without gty, with every scope of the route',
    status: 403,
    error: 'insufficient_scope',
    namesScope: false,
    only: 'user',
    send: async (c) => withToken(c, await c.mint({ sub: serviceSubject })),
  },
  {
    name: "a user's token with every scope of the route",
    status: 403,
    error: 'insufficient_scope',
    namesScope: false,
    only: 'service',
    send: async (c) => withToken(c, await c.mint({ sub: 'auth0|auth-matrix', claims: {} })),
  },
  {
    name: 'token in the query string',
    status: 400,
    error: 'invalid_request',
    send: async (c) => {
      const token = await c.mint();
      return { res: await c.call({ query: `access_token=${token}` }), token };
    },
  },
  {
    name: 'token in the query string and in the header',
    status: 400,
    error: 'invalid_request',
    send: async (c) => {
      const token = await c.mint();
      return {
        res: await c.call({ authorization: bearer(token), query: `access_token=${token}` }),
        token,
      };
    },
  },
  {
    name: 'token in a form body',
    status: 400,
    error: 'invalid_request',
    send: async (c) => {
      const token = await c.mint();
      return { res: await c.call({ form: `access_token=${token}` }), token };
    },
  },
];

/** The checks every refused request must pass: status, RFC 6750 challenge, RFC 9457 body. */
export function expectAuthFailure(
  res: Response,
  expected: Pick<AuthCase, 'status' | 'error' | 'namesScope'>,
  scope?: string,
): void {
  expect(res.status).toBe(expected.status);
  const challenge = res.headers['www-authenticate'];
  expect(challenge, 'WWW-Authenticate').toMatch(/^Bearer realm="[^"]+"/);
  if (expected.error) {
    expect(challenge).toContain(`error="${expected.error}"`);
  } else {
    expect(challenge).not.toContain('error=');
  }
  if (expected.error === 'insufficient_scope' && scope) {
    if (expected.namesScope === false) expect(challenge).not.toContain('scope=');
    else expect(challenge).toContain(`scope="${scope}"`);
  }
  expect(res.headers['content-type']).toContain(problemContentType);
  expect(res.body).toMatchObject({
    status: expected.status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(res.text).not.toMatch(/<html|at \S+ \(/i);
}

/**
 * Registers one test per case of the auth matrix (call it inside a `describe`), plus a positive
 * control proving the same request with a good token gets through, so the matrix can fail.
 */
export function runAuthMatrix(options: AuthMatrixOptions): void {
  const caller = options.caller ?? 'user';
  for (const authCase of authCases.filter((c) => (c.only ?? caller) === caller)) {
    it(`${options.method.toUpperCase()} ${options.path}: ${authCase.name} → ${authCase.status}`, async () => {
      const ctx = context(options);
      const before = options.handlerCalls?.();
      const { res, token } = await authCase.send(ctx);
      expectAuthFailure(res, authCase, options.requiredScope);
      if (token) {
        expect(res.text).not.toContain(token);
        expect(JSON.stringify(res.headers)).not.toContain(token);
      }
      if (options.handlerCalls)
        expect(options.handlerCalls(), 'a refused request reached a handler').toBe(before);
    });
  }

  it(`${options.method.toUpperCase()} ${options.path}: a valid token with ${options.requiredScope} gets through`, async () => {
    const ctx = context(options);
    const before = options.handlerCalls?.() ?? 0;
    const res = await ctx.call({ authorization: bearer(await ctx.mint()) });
    expect([400, 401, 403]).not.toContain(res.status);
    expect(res.headers['www-authenticate']).toBeUndefined();
    if (options.handlerCalls) expect(options.handlerCalls()).toBeGreaterThan(before);
  });
}
