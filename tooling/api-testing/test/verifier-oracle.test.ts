// The matrix every API runs, against the two verifiers: express-oauth2-jwt-bearer (the oracle)
// and service-kit's default. Both must answer every case alike.
import { apis } from '@repo/auth-config';
import { createService, requireScope, subjectOf, type TokenVerifier } from '@repo/service-kit';
import { openDatabase, type Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtBearerVerifier } from '../src/jwt-bearer-verifier';
import { startJwksIssuer, type JwksIssuer } from '../src/jwks-issuer';
import { runAuthMatrix } from '../src/auth-matrix';
import { testApiConfig } from '../src/api-config';

const api = apis.orders;
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ databaseUrl: undefined });
});
afterAll(() => db.close());

function appFor(idp: JwksIssuer, verifyToken?: TokenVerifier): Express {
  return createService({
    config: testApiConfig('orders', idp.issuer),
    db,
    verifyToken,
    routes: (router) => {
      router.get('/things', requireScope(api.scopes.read), (req, res) => {
        res.json({ sub: subjectOf(req) });
      });
    },
  });
}

for (const [name, library] of [
  ['service-kit default (resilientJwtVerifier)', false],
  ['express-oauth2-jwt-bearer (jwtBearerVerifier)', true],
] as const) {
  describe(`auth matrix: ${name}`, () => {
    let idp: JwksIssuer;
    let app: Express;
    beforeAll(async () => {
      idp = await startJwksIssuer();
      const oracle = library
        ? jwtBearerVerifier({ issuer: idp.issuer, jwksUri: idp.jwksUri, audience: api.audience })
        : undefined;
      app = appFor(idp, oracle);
    });
    afterAll(() => idp.stop());
    runAuthMatrix({
      app: () => app,
      idp: () => idp,
      method: 'get',
      path: '/things',
      audience: api.audience,
      requiredScope: api.scopes.read,
      otherScopes: [api.scopes.write],
    });
  });
}

// Signed by the issuer's real key, so only the claims (or their encoding) are wrong: service-kit
// checks the common case's claims itself and must refuse exactly what the library refuses.
describe('signed tokens with odd claims: service-kit answers as express-oauth2-jwt-bearer', () => {
  let idp: JwksIssuer;
  let ours: Express;
  let library: Express;
  beforeAll(async () => {
    idp = await startJwksIssuer();
    ours = appFor(idp);
    library = appFor(
      idp,
      jwtBearerVerifier({ issuer: idp.issuer, jwksUri: idp.jwksUri, audience: api.audience }),
    );
  });
  afterAll(() => idp.stop());

  const b64url = (value: string) => Buffer.from(value).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (): Record<string, unknown> => ({
    iss: idp.issuer,
    sub: 'auth0|odd-claims',
    aud: api.audience,
    iat: now(),
    exp: now() + 300,
    scope: api.scopes.read,
  });
  /** A token over exactly this payload segment, correctly signed. */
  const signed = (payloadSegment: string) => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'at+jwt', kid: idp.kid }))}.${payloadSegment}`;
    return `${input}.${idp.signRaw(input)}`;
  };
  const withClaims = (change: (c: Record<string, unknown>) => void) => {
    const c = claims();
    change(c);
    return signed(b64url(JSON.stringify(c)));
  };

  const cases: ReadonlyArray<readonly [string, 200 | 401, () => string]> = [
    ['plain (the control)', 200, () => withClaims(() => {})],
    [
      'aud an array holding the audience',
      200,
      () => withClaims((c) => (c.aud = ['x', api.audience])),
    ],
    ['aud an array without it', 401, () => withClaims((c) => (c.aud = ['x', 'y']))],
    ['no exp', 401, () => withClaims((c) => delete c.exp)],
    ['exp a string', 401, () => withClaims((c) => (c.exp = String(now() + 300)))],
    ['iat a string', 401, () => withClaims((c) => (c.iat = String(now())))],
    ['nbf a string', 401, () => withClaims((c) => (c.nbf = String(now())))],
    ['no iss', 401, () => withClaims((c) => delete c.iss)],
    ['the payload an array', 401, () => signed(b64url(JSON.stringify([claims()])))],
    [
      'a payload that is not UTF-8',
      401,
      () => signed(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')),
    ],
  ];
  for (const [name, status, token] of cases)
    it(`${name} → ${status}`, async () => {
      const value = token();
      const answers = await Promise.all(
        [ours, library].map(async (app) => {
          // Twice: the second answer comes from the verified-token cache when the first passed.
          const first = await request(app).get('/things').set('Authorization', `Bearer ${value}`);
          const again = await request(app).get('/things').set('Authorization', `Bearer ${value}`);
          return [first.status, again.status];
        }),
      );
      expect(answers).toEqual([
        [status, status],
        [status, status],
      ]);
    });

  // The one place the two differ, on purpose: a segment of 4n+1 base64url characters ends in a
  // character that holds no whole byte. The library's decoder drops it and accepts the token;
  // jose 6 refuses the segment, and so does service-kit (it did before its own claim checks too):
  // no real issuer makes one, and a token is either exactly well-formed or refused.
  it('a payload segment of 4n+1 characters → 401 from service-kit', async () => {
    let json = JSON.stringify(claims());
    while (b64url(json).length % 4 !== 0) json += ' ';
    const value = signed(`${b64url(json)}A`);
    for (let i = 0; i < 2; i++) {
      const res = await request(ours).get('/things').set('Authorization', `Bearer ${value}`);
      expect(res.status).toBe(401);
    }
  });
});
