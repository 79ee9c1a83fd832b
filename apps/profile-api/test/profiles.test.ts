import { problemSchema } from '@repo/api-contracts/problem';
import { profileBatchSchema } from '@repo/api-contracts/profile';
import { apis, localUsers } from '@repo/auth-config';
import { runAuthMatrix, type TestDatabase } from '@repo/api-testing';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appFor,
  bearer,
  configFor,
  countingStore,
  openTestDb,
  serviceToken,
  startIdp,
  userToken,
  type Harness,
} from './support/setup';

/**
 * GET /profiles?ids=: the service route orders-api calls as itself (read:profile:service) to
 * name the customers of its admin list. Tokens come from the local IdP's keys, shaped as its
 * token endpoint issues them (client credentials: gty, `local-orders-api@clients`).
 */
const serviceScope = apis.profile.serviceScopes.read;
const [alice, bob, carol, admin] = localUsers;
let idp: Harness['idp'];
let testDb: TestDatabase;
let app: Express;
let calls: () => number;

beforeAll(async () => {
  idp = await startIdp();
  testDb = await openTestDb();
  const counting = countingStore(testDb.db);
  calls = counting.calls;
  app = appFor(configFor(idp), testDb.db, { profiles: counting.store });
  // Alice and Bob have opened their profile (Bob renamed himself); Carol and the admin never did.
  for (const user of ['alice', 'bob'] as const)
    await request(app)
      .get('/me')
      .set('Authorization', bearer(await userToken(idp, user)))
      .expect(200);
  await request(app)
    .patch('/me')
    .set('Authorization', bearer(await userToken(idp, 'bob')))
    .send({ displayName: 'Bobby' })
    .expect(200);
});

afterAll(async () => {
  await testDb?.cleanup();
  await idp?.stop();
});

const batch = async (query: string, token?: string) =>
  request(app)
    .get(`/profiles${query}`)
    .set('Authorization', bearer(token ?? (await serviceToken(idp))));

describe('GET /profiles with orders-api’s service token', () => {
  it('answers the profiles that exist, in the order asked, with name and email only', async () => {
    const ids = [bob!.sub, 'auth0|nobody', carol!.sub, alice!.sub];
    const res = await batch(`?${ids.map((id) => `ids=${encodeURIComponent(id)}`).join('&')}`);
    expect(res.status).toBe(200);
    expect(profileBatchSchema.strict().parse(res.body)).toEqual({
      items: [
        { sub: bob!.sub, displayName: 'Bobby', email: bob!.email },
        { sub: alice!.sub, displayName: alice!.name, email: alice!.email },
      ],
    });
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['displayName', 'email', 'sub']);
  });

  it('takes one id, counts a repeated id once, and never creates a profile', async () => {
    const before = await testDb.db.query('select count(*)::int as n from profiles');
    const res = await batch(
      `?ids=${encodeURIComponent(alice!.sub)}&ids=${encodeURIComponent(alice!.sub)}&ids=${encodeURIComponent(admin!.sub)}`,
    );
    expect(res.body.items.map((p: { sub: string }) => p.sub)).toEqual([alice!.sub]);
    const one = await batch(`?ids=${encodeURIComponent(bob!.sub)}`);
    expect(one.body.items).toHaveLength(1);
    expect(await testDb.db.query('select count(*)::int as n from profiles')).toEqual(before);
  });

  it('takes 100 ids and refuses 101, no ids, an empty id, with a 400 problem', async () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `ids=${encodeURIComponent(`auth0|u${i}`)}`).join('&');
    expect((await batch(`?${ids(100)}`)).status).toBe(200);
    for (const query of [`?${ids(101)}`, '', '?ids=', '?other=1']) {
      const res = await batch(query);
      expect(res.status, query.slice(0, 40)).toBe(400);
      expect(problemSchema.parse(res.body).errors?.[0]?.path).toMatch(/^ids/);
    }
  });
});

describe('who may call GET /profiles', () => {
  it("refuses a user's token with 403, the admin's with every one of its scopes too", async () => {
    const before = calls();
    for (const user of ['alice', 'admin'] as const) {
      const res = await batch(`?ids=${encodeURIComponent(alice!.sub)}`, await userToken(idp, user));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
      expect(res.body.type).toBe('https://api.example.com/problems/forbidden');
    }
    // Even a user token that somehow carried the service scope.
    const forged = await userToken(idp, 'admin', `read:profile write:profile ${serviceScope}`);
    expect((await batch(`?ids=${encodeURIComponent(alice!.sub)}`, forged)).status).toBe(403);
    expect(calls()).toBe(before);
  });

  it('refuses a service token for another audience with 401', async () => {
    const ordersToken = await idp.mintAccessToken({
      sub: 'local-orders-api@clients',
      audience: apis.orders.audience,
      scope: serviceScope,
      claims: { gty: 'client-credentials' },
    });
    const res = await batch(`?ids=${encodeURIComponent(alice!.sub)}`, ordersToken);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('refuses a service token without the grant with 403 insufficient_scope', async () => {
    const res = await batch(`?ids=${encodeURIComponent(alice!.sub)}`, await serviceToken(idp, ''));
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toContain(`scope="${serviceScope}"`);
  });

  runAuthMatrix({
    app: () => app,
    idp: () => idp,
    method: 'get',
    path: `/profiles?ids=${encodeURIComponent('auth0|alice')}`,
    audience: apis.profile.audience,
    caller: 'service',
    requiredScope: serviceScope,
    handlerCalls: () => calls(),
  });
});
