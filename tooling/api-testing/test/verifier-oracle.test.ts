// The matrix every API runs, against the two verifiers: express-oauth2-jwt-bearer (the oracle)
// and service-kit's default. Both must answer every case alike.
import { apis } from '@repo/auth-config';
import { createService, requireScope, subjectOf, type TokenVerifier } from '@repo/service-kit';
import { openDatabase, type Database } from '@repo/service-kit/db';
import type { Express } from 'express';
import { afterAll, beforeAll, describe } from 'vitest';
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
