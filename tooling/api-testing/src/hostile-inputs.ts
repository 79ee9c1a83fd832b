/**
 * Property-based hostile input (fast-check): thousands of generated requests per run, each of
 * which must be refused with a 4xx problem+json, never a 5xx, never reaching the route's handler
 * or writing anything. One generator per attack surface: the Authorization header (the bearer
 * parser), the token itself (the verifier: headers, claims, encodings, lengths) and a route's
 * JSON body (its contract schema).
 */
import { validateHeaderValue } from 'node:http';
import { problemSchema } from '@repo/api-contracts/problem';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import type { HttpMethod, TestApp } from './auth-matrix';
import type { JwksIssuer } from './jwks-issuer';

/** What a run tried and what it got back, printed once per property (the report's numbers). */
export interface HostileTally {
  readonly inputs: number;
  readonly statuses: Record<string, number>;
}

function tally(statuses: number[]): HostileTally {
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return { inputs: statuses.length, statuses: counts };
}

function report(what: string, t: HostileTally): void {
  const parts = Object.entries(t.statuses).map(([status, n]) => `${status}×${n}`);
  console.info(`[hostile] ${what}: ${t.inputs} generated inputs → ${parts.join(', ')}`);
}

/** The one shape every refusal must have: a 4xx with an RFC 9457 body, never a 5xx or HTML. */
export function expectProblem(res: Response, allowed: readonly number[]): void {
  expect(allowed, `status ${res.status}: ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.headers['content-type'], res.text.slice(0, 300)).toContain('application/problem+json');
  const body = problemSchema.safeParse(JSON.parse(res.text));
  expect(body.success, res.text.slice(0, 300)).toBe(true);
  expect(res.text).not.toMatch(/<html|\n\s+at [^\n]+:\d+:\d+/i);
}

const b64url = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');

/** Any string a client can put in a header (Node refuses CR, LF, NUL and non-Latin-1 itself). */
const headerValue = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({
      unit: fc.constantFrom(...'Bearer bearer BEARER\t ,;=+/-._~"\\eyJ.'.split('')),
      maxLength: 80,
    }),
    fc
      .tuple(
        fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Bearer\t', 'Basic ', 'Bearer'),
        fc.string({ maxLength: 2000 }),
      )
      .map(([a, b]) => a + b),
  )
  .filter((value) => {
    try {
      validateHeaderValue('authorization', value);
      return true;
    } catch {
      return false;
    }
  });

/** JSON-ish values a JWT header or payload member may be given. */
const member = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'binary', maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

export interface HostileAuthOptions {
  readonly app: () => TestApp;
  /** Signs the crafted tokens; its key is the one the app trusts. */
  readonly idp: () => JwksIssuer;
  readonly method: HttpMethod;
  readonly path: string;
  /** The app's audience: every crafted token is wrong in at least one other way. */
  readonly audience: string;
  /** Calls of the route's handler so far: must not move. */
  readonly handlerCalls: () => number;
  readonly numRuns?: number;
}

/**
 * Registers two properties: arbitrary Authorization headers (the bearer parser) and crafted
 * tokens (the verifier). Every crafted token is broken in at least one chosen way (its signature,
 * its algorithm, its issuer, audience or expiry), around random header members (`crit`, `jku`,
 * `jwk`, `x5u`, odd `kid`s), random claims, random encodings and lengths.
 */
export function runHostileAuth(options: HostileAuthOptions): void {
  const numRuns = options.numRuns ?? 1000;
  const send = (authorization: string) =>
    request(options.app())[options.method](options.path).set('Authorization', authorization);

  it(`hostile Authorization headers: ${numRuns} generated, each a 400/401 problem+json, none reaching the handler`, async () => {
    const before = options.handlerCalls();
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(headerValue, async (value) => {
        const res = await send(value);
        statuses.push(res.status);
        expectProblem(res, [400, 401]);
      }),
      { numRuns },
    );
    expect(options.handlerCalls()).toBe(before);
    report('Authorization headers', tally(statuses));
  });

  it(`hostile tokens: ${numRuns} crafted, each a 401 problem+json, none reaching the handler`, async () => {
    const idp = options.idp();
    const now = Math.floor(Date.now() / 1000);
    const flaw = fc.constantFrom(
      'signature',
      'alg',
      'issuer',
      'audience',
      'expired',
      'not-yet',
      'encoding',
    );
    const token = fc
      .record({
        flaw,
        extraHeader: fc.dictionary(
          fc.constantFrom(
            'crit',
            'jku',
            'jwk',
            'x5u',
            'x5c',
            'cty',
            'typ',
            'b64',
            'zip',
            'enc',
            'kid',
          ),
          member,
          { maxKeys: 3 },
        ),
        claims: fc.dictionary(
          fc.constantFrom(
            'sub',
            'scope',
            'azp',
            'permissions',
            'client_id',
            'jti',
            'gty',
            'iat',
            'nbf',
          ),
          member,
          { maxKeys: 5 },
        ),
        alg: fc.constantFrom('none', 'HS256', 'ES256', 'PS256', 'RS384', 'rs256', 'RS256 '),
        noise: fc.string({ maxLength: 20 }),
        padding: fc.nat({ max: 6000 }),
      })
      .map(({ flaw, extraHeader, claims, alg, noise, padding }) => {
        const header = { alg: flaw === 'alg' ? alg : 'RS256', kid: idp.kid, ...extraHeader };
        if (flaw !== 'alg') header.alg = 'RS256';
        const payload = {
          sub: 'auth0|hostile',
          ...claims,
          iss: flaw === 'issuer' ? `${idp.issuer}${noise || 'x'}` : idp.issuer,
          aud: flaw === 'audience' ? `${options.audience}${noise || 'x'}` : options.audience,
          exp: flaw === 'expired' ? now - 60 - padding : now + 300,
          ...(flaw === 'not-yet' ? { nbf: now + 120 + padding } : {}),
          pad: 'p'.repeat(padding),
        };
        const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
        if (flaw === 'signature')
          return `${input}.${b64url(noise + 'x'.repeat(1 + (padding % 300)))}`;
        const signature = idp.signRaw(input);
        // Standard base64 with its padding where unpadded base64url is required (the signature
        // was made over the base64url form, so it never matches).
        if (flaw === 'encoding') {
          const standard = Buffer.from(JSON.stringify(header)).toString('base64');
          return `${standard.endsWith('=') ? standard : `${standard}==`}.${input.split('.')[1]}.${signature}`;
        }
        return `${input}.${signature}`;
      });
    const before = options.handlerCalls();
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(token, async (value) => {
        const res = await send(`Bearer ${value}`);
        statuses.push(res.status);
        expectProblem(res, [400, 401]);
        expect(res.text).not.toContain(value);
      }),
      { numRuns },
    );
    expect(options.handlerCalls()).toBe(before);
    report('crafted tokens', tally(statuses));
  });
}

/**
 * JSON.parse as the service's body parser applies it: body-parser ignores one leading byte order
 * mark (RFC 8259 §8.1 allows it), so a valid body behind a BOM is accepted, not hostile.
 */
export function parseLikeBodyParser(raw: string): unknown {
  return JSON.parse(raw.startsWith('\uFEFF') ? raw.slice(1) : raw);
}

export interface HostileBodyOptions<S extends z.ZodType> {
  readonly app: () => TestApp;
  readonly method: 'post' | 'patch' | 'put';
  readonly path: string;
  /** A valid token with the route's scope: only the body can be wrong. */
  readonly token: () => Promise<string>;
  /** The route's body contract: a generated body it accepts is not hostile and is skipped. */
  readonly schema: S;
  /** Near misses of the real shape, mixed with arbitrary JSON and non-JSON text. */
  readonly nearMiss?: fc.Arbitrary<unknown>;
  /** What the route would write (row counts, the rows themselves): the same after the run. */
  readonly stored: () => Promise<unknown>;
  readonly headers?: () => Readonly<Record<string, string>>;
  readonly numRuns?: number;
}

/** Registers one property: every body the contract refuses gets a 4xx problem+json and writes nothing. */
export function runHostileBodies<S extends z.ZodType>(options: HostileBodyOptions<S>): void {
  const numRuns = options.numRuns ?? 1000;
  it(`hostile ${options.method.toUpperCase()} ${options.path} bodies: ${numRuns} generated, each a 4xx problem+json, nothing written`, async () => {
    const token = await options.token();
    const before = await options.stored();
    const statuses: number[] = [];
    const json = fc
      .oneof(fc.jsonValue(), options.nearMiss ?? fc.jsonValue())
      .filter((body) => !options.schema.safeParse(body).success);
    const text = fc.string({ unit: 'binary', maxLength: 200 }).filter((raw) => {
      try {
        return !options.schema.safeParse(parseLikeBodyParser(raw)).success;
      } catch {
        return true;
      }
    });
    const body = fc.oneof(
      { arbitrary: json.map((value) => JSON.stringify(value) ?? 'null'), weight: 4 },
      { arbitrary: text, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const agent = request(options.app());
        let req = agent[options.method](options.path).set('Authorization', `Bearer ${token}`);
        for (const [k, v] of Object.entries(options.headers?.() ?? {})) req = req.set(k, v);
        const res = await req.set('Content-Type', 'application/json').send(raw);
        statuses.push(res.status);
        expectProblem(res, [400, 413, 415, 422]);
      }),
      { numRuns },
    );
    expect(await options.stored()).toEqual(before);
    report(`${options.method.toUpperCase()} ${options.path} bodies`, tally(statuses));
  });
}
