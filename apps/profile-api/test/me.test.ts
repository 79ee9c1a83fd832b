import { profileSchema } from '@repo/api-contracts/profile';
import { problemSchema } from '@repo/api-contracts/problem';
import { apis, localUsers } from '@repo/auth-config';
import { captureLogs, type TestDatabase } from '@repo/api-testing';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appFor,
  bearer,
  configFor,
  openTestDb,
  serviceToken,
  startIdp,
  userToken,
  type Harness,
} from './support/setup';

const alice = localUsers.find((u) => u.username === 'alice')!;
const bob = localUsers.find((u) => u.username === 'bob')!;
let idp: Harness['idp'];
let testDb: TestDatabase;
let app: Express;
const logs = captureLogs('profile-api');
const tokensSeen: string[] = [];

async function tokenOf(username: 'alice' | 'bob' | 'carol', scope?: string) {
  const t = await userToken(idp, username, scope);
  tokensSeen.push(t);
  return bearer(t);
}

beforeAll(async () => {
  idp = await startIdp();
  testDb = await openTestDb();
  app = appFor(configFor(idp), testDb.db, { logger: logs.logger });
});

afterAll(async () => {
  await testDb?.cleanup();
  await idp?.stop();
});

describe('GET /me', () => {
  it("creates the caller's profile on first read from the token's sub, email and name", async () => {
    const res = await request(app)
      .get('/me')
      .set('Authorization', await tokenOf('alice'));
    expect(res.status).toBe(200);
    const profile = profileSchema.parse(res.body);
    expect(profile).toMatchObject({
      sub: alice.sub,
      email: alice.email,
      displayName: alice.name,
      locale: 'en',
      notifications: 'important',
    });
    const rows = await testDb.db.query('select sub, email from profiles where sub = $1', [
      alice.sub,
    ]);
    expect(rows).toEqual([{ sub: alice.sub, email: alice.email }]);
  });

  it('returns the same profile on later reads, and each user only their own', async () => {
    const first = await request(app)
      .get('/me')
      .set('Authorization', await tokenOf('alice'));
    const again = await request(app)
      .get('/me')
      .set('Authorization', await tokenOf('alice'));
    expect(again.body).toEqual(first.body);
    const bobs = await request(app)
      .get('/me')
      .set('Authorization', await tokenOf('bob'));
    expect(bobs.body.sub).toBe(bob.sub);
    expect(bobs.body.email).toBe(bob.email);
  });
});

describe('PATCH /me', () => {
  it('updates displayName, locale and notifications, and the change is stored', async () => {
    const res = await request(app)
      .patch('/me')
      .set('Authorization', await tokenOf('bob'))
      .send({ displayName: '  Bobby  ', locale: 'fr-CA', notifications: 'none' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sub: bob.sub,
      email: bob.email,
      displayName: 'Bobby',
      locale: 'fr-CA',
      notifications: 'none',
    });
    const read = await request(app)
      .get('/me')
      .set('Authorization', await tokenOf('bob'));
    expect(read.body).toMatchObject({
      displayName: 'Bobby',
      locale: 'fr-CA',
      notifications: 'none',
    });
  });

  it('lets Carol read but not write', async () => {
    const carol = await tokenOf('carol');
    expect((await request(app).get('/me').set('Authorization', carol)).status).toBe(200);
    const res = await request(app)
      .patch('/me')
      .set('Authorization', carol)
      .send({ displayName: 'Caz' });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(res.headers['www-authenticate']).toContain(`scope="${apis.profile.scopes.write}"`);
    const after = await request(app).get('/me').set('Authorization', carol);
    expect(after.body.displayName).not.toBe('Caz');
  });

  it.each([
    ['sub', { sub: 'auth0|mallory' }],
    ['email', { email: 'mallory@example.com' }],
    ['an unknown field', { displayName: 'Al', isAdmin: true }],
    ['an empty body', {}],
    ['a wrong type', { displayName: 42 }],
    ['an unknown notification preference', { notifications: 'sometimes' }],
    ['a malformed locale', { locale: 'english please' }],
    ['a control character', { displayName: 'Al\u0007' }],
    ['a too long name', { displayName: 'x'.repeat(81) }],
    ['a JSON array', [{ displayName: 'Al' }]],
  ])('rejects %s with a 400 problem and changes nothing', async (_what, body) => {
    const auth = await tokenOf('alice');
    const before = (await request(app).get('/me').set('Authorization', auth)).body;
    const res = await request(app).patch('/me').set('Authorization', auth).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(problemSchema.parse(res.body).errors?.length).toBeGreaterThan(0);
    const after = (await request(app).get('/me').set('Authorization', auth)).body;
    expect(after).toEqual(before);
  });

  it('treats a __proto__ key as an unknown field: rejected, and no prototype is polluted', async () => {
    const auth = await tokenOf('alice');
    const res = await request(app)
      .patch('/me')
      .set('Authorization', auth)
      .type('json')
      .send('{"displayName":"Proto","__proto__":{"polluted":true,"sub":"auth0|mallory"}}');
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await request(app).get('/me').set('Authorization', auth);
    expect(after.body.sub).toBe(alice.sub);
    expect(after.body.displayName).not.toBe('Proto');
  });

  it('answers malformed JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
    const auth = await tokenOf('alice');
    const malformed = await request(app)
      .patch('/me')
      .set('Authorization', auth)
      .type('json')
      .send('{"displayName":');
    const wrongType = await request(app)
      .patch('/me')
      .set('Authorization', auth)
      .type('text/plain')
      .send('displayName=x');
    const huge = await request(app)
      .patch('/me')
      .set('Authorization', auth)
      .send({ displayName: 'x'.repeat(64 * 1024) });
    expect([malformed.status, wrongType.status, huge.status]).toEqual([400, 415, 413]);
    for (const res of [malformed, wrongType, huge]) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      problemSchema.parse(res.body);
    }
  });
});

describe('logs', () => {
  it('never contain a token, whatever the request', async () => {
    const token = await userToken(idp, 'alice');
    tokensSeen.push(token);
    await request(app).get('/me').set('Authorization', bearer(token));
    await request(app).get(`/me?access_token=${token}`);
    await request(app).patch('/me').set('Authorization', bearer(token)).type('json').send('{bad');
    await request(app).get('/me').set('Authorization', `Bearer ${token}x`);
    const lines = logs.lines();
    expect(lines.length).toBeGreaterThan(4);
    for (const t of tokensSeen) {
      const signature = t.split('.')[2]!;
      for (const line of lines) expect(line).not.toContain(signature);
    }
  });
});

describe('a service calling as itself', () => {
  it('cannot read or write /me with a client-credentials token, and no profile is created for it', async () => {
    // The token orders-api gets from the IdP, even with every user scope of this API added.
    for (const scope of [undefined, 'read:profile write:profile read:profile:service']) {
      const token = bearer(await serviceToken(idp, scope));
      const read = await request(app).get('/me').set('Authorization', token);
      expect(read.status).toBe(403);
      expect(read.headers['www-authenticate']).toContain('error="insufficient_scope"');
      expect(read.body.detail).toMatch(/client-credentials/);
      const write = await request(app)
        .patch('/me')
        .set('Authorization', token)
        .send({ displayName: 'Robot' });
      expect(write.status).toBe(403);
    }
    const rows = await testDb.db.query('select sub from profiles where sub like $1', ['%@clients']);
    expect(rows).toEqual([]);
  });
});
